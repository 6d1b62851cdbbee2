package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import org.junit.jupiter.api.Test;

/** The record of a call: its attempts as callers see them, and the caller's attempt listener. */
class CallRecordTest {
  private static final Request REQUEST = new Request.Builder()
      .url("https://example.test/v1/customers/c/carts")
      .post(okhttp3.RequestBody.create(new byte[0], null))
      .build();
  private static final CallInfo IDS = new CallInfo(
      "createCart",
      "POST",
      "/v1/customers/c/carts",
      () -> Map.of("customer-id", "c"),
      "r-1",
      "c-1");

  private final List<String> heard = new ArrayList<>();

  @Test
  void attemptsAreNumberedWithTheirOutcomeAndWhetherTheyMayHaveTakenEffect() {
    CallRecord record = record(null);
    AttemptState sent = state(true);
    record.failed(1, System.nanoTime(), serverError(503), null, sent, false);
    TransportException timeout =
        new TransportException("timeout", ErrorDetails.noResponse("r-1", "c-1"), null);
    record.failed(2, System.nanoTime(), timeout, new SocketTimeoutException("read"), sent, false);
    Attempt last = record.succeeded(3, System.nanoTime(), 201);
    record.add(last, sent);

    assertThat(record.attempts())
        .extracting(Attempt::number, Attempt::statusCode, Attempt::mayHaveSucceeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 503, false),
            org.assertj.core.groups.Tuple.tuple(2, 0, true),
            org.assertj.core.groups.Tuple.tuple(3, 201, false));
    assertThat(record.attempts().get(1).outcome()).startsWith("no response: ");
    assertThat(record.attempts().get(2).outcome()).isEqualTo("201 (decoded)");
    assertThat(record.anyMayHaveSucceeded()).isTrue();
    assertThat(record.lastFailure()).isSameAs(timeout);
    assertThat(record.nextNumber()).isEqualTo(4);
  }

  @Test
  void aSafeRequestNeverMayHaveTakenEffect() {
    CallRecord record = record(null);
    TransportException timeout =
        new TransportException("timeout", ErrorDetails.noResponse("r-1", "c-1"), null);
    record.failed(1, System.nanoTime(), timeout, new SocketTimeoutException(), state(true), true);
    assertThat(record.anyMayHaveSucceeded()).isFalse();
  }

  @Test
  void theListenerHearsEachFailedAttemptAndTheWaitBeforeTheNext() {
    CallRecord record = record((attempt, max, next) -> heard.add(
        attempt.number() + "/" + max + " " + next.map(Duration::toMillis).orElse(-1L)));
    record.failed(1, System.nanoTime(), serverError(500), null, state(true), false);
    record.notifyListener(3, Optional.of(Duration.ofMillis(250)));
    record.failed(2, System.nanoTime(), serverError(500), null, state(true), false);
    record.notifyListener(3, Optional.empty());
    assertThat(heard).containsExactly("1/3 250", "2/3 -1");
  }

  @Test
  void aListenerThatThrowsDoesNotEndTheCall() {
    CallRecord record = record((attempt, max, next) -> {
      throw new IllegalStateException("the caller's bug");
    });
    record.failed(1, System.nanoTime(), serverError(500), null, state(true), false);
    record.notifyListener(3, Optional.empty());
    assertThat(record.attempts()).hasSize(1);
  }

  private static CallRecord record(AttemptListener listener) {
    Telemetry.Operation operation = new Telemetry(OpenTelemetry.noop()).start(IDS);
    return new CallRecord(REQUEST, IDS, listener, operation);
  }

  private static AttemptState state(boolean sent) {
    AttemptState state = new AttemptState("token", new AtomicBoolean(), request -> null);
    if (sent) {
      state.beforeWrite();
    }
    return state;
  }

  private static ServerErrorException serverError(int status) {
    return new ServerErrorException(new ErrorDetails(status, null, "r-1", "c-1", null));
  }
}
