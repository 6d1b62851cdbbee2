package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.OutsideTheContract;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The response's own facts win over the body's shape: {@code Retry-After} is honoured on every
 * retried status whatever the body, a non-2xx keeps its status's exception whatever the body, a
 * 2xx the API does not document is an outcome the client cannot confirm, and TRACE logging never
 * changes an outcome.
 */
@Timeout(60)
class ResponseFactsTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  /** Short computed waits, so that a wait of a second can only come from Retry-After. */
  static final RetryOptions FAST = FaultMatrixTest.FAST;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final List<Long> arrivals = new ArrayList<>();

  private PartnerCenterClientBuilder client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("facts-token")
        .retryOptions(FAST);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, arrivals, responses);
  }

  private static MockResponse ok() {
    return new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .body(ONE_ORDER)
        .build();
  }

  /** Milliseconds between the first and the second request the server received. */
  private long gapMillis() {
    synchronized (arrivals) {
      return (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
    }
  }

  /** The first request arrived and the second came no sooner than Retry-After's 1 second. */
  private void waitedForRetryAfter(MockResponse first) {
    serve(first, ok());

    CartCheckoutResult result = client().build().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    assertThat(gapMillis()).isGreaterThanOrEqualTo(950);
  }

  @Test
  void a429WithAnHtmlBodyWaitsForRetryAfter() {
    waitedForRetryAfter(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "1")
        .setHeader("Content-Type", "text/html")
        .body("<html>Too many requests</html>")
        .build());
  }

  @Test
  void a429WithABodyPastTheErrorCapWaitsForRetryAfter() {
    waitedForRetryAfter(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "1")
        .setHeader("Content-Type", "application/json")
        .body("{\"statusCode\":429,\"message\":\"" + "x".repeat(200_000) + "\"}")
        .build());
  }

  @Test
  void a503WithRetryAfterWaitsForIt() {
    waitedForRetryAfter(new MockResponse.Builder()
        .code(503)
        .setHeader("Retry-After", "1")
        .setHeader("Content-Type", "application/json")
        .body("{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}")
        .build());
  }

  @Test
  void aRetryAfterPastTheIntRangeIsTheServersAnswerNotALostOne() {
    // OkHttp's own follow-up code fails to parse it (NumberFormatException) after the response
    // arrived: the 503 is still the answer, and its wait does not fit before the deadline.
    serve(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "2147483648")
            .build(),
        ok());

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anHtml429KeepsItsTypeAndItsRetryAfter() {
    serve(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "7")
        .setHeader("Content-Type", "text/html")
        .body("<html>Slow down</html>")
        .build());

    ThrottledException e = catchThrowableOfType(
        ThrottledException.class,
        () -> client()
            .retryOptions(RetryOptions.NONE)
            .build()
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
    assertThat(e.serviceError()).isEmpty();
  }

  @Test
  void a404WithATenMegabyteOrHtmlBodyIsStillNotFound() {
    serve(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "application/json")
            .body("{\"code\":800008,\"description\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}")
            .build(),
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "text/html")
            .setHeader("MS-CV", "cv.404")
            .body("<html>Not here</html>")
            .build());

    NotFoundException large = catchThrowableOfType(
        NotFoundException.class, () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));
    NotFoundException html = catchThrowableOfType(
        NotFoundException.class, () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(large.statusCode()).isEqualTo(404);
    assertThat(large.serviceError()).isEmpty();
    assertThat(html.correlationVector()).isEqualTo("cv.404");
    assertThat(html.mayHaveSucceeded()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  @OutsideTheContract("a 202 is not a documented answer of checkout")
  void a202IsAnOutcomeTheClientCannotConfirm() {
    serve(new MockResponse.Builder()
        .code(202)
        .setHeader("Content-Type", "application/json")
        .body("{}")
        .build());

    OutcomeUnknownException e = catchThrowableOfType(
        OutcomeUnknownException.class,
        () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(202);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.customerId()).isEqualTo(CUSTOMER_ID);
    assertThat(e.getMessage()).contains("202").contains("may have succeeded");
    assertThat(e.attempts())
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.mayHaveSucceeded()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void traceLoggingDoesNotChangeTheOutcomeOfASlowErrorBody() {
    Logger wire = (Logger) LoggerFactory.getLogger("org.cspkit.partnercenter.wire");
    Level before = wire.getLevel();
    List<Class<?>> outcomes = new ArrayList<>();
    try {
      for (Level level : List.of(Level.INFO, Level.TRACE)) {
        wire.setLevel(level);
        // The headers come at once; the body trickles slower than the read timeout allows.
        serve(new MockResponse.Builder()
            .code(500)
            .setHeader("Content-Type", "application/json")
            .body("{\"code\":800005,\"description\":\"Create order was not successful.\"}")
            .throttleBody(4, 400, TimeUnit.MILLISECONDS)
            .build());
        PartnerCenterException e = catchThrowableOfType(
            PartnerCenterException.class,
            () -> client()
                .retryOptions(RetryOptions.NONE)
                .readTimeout(Duration.ofMillis(150))
                .build()
                .carts()
                .checkout(CUSTOMER_ID, CART_ID));
        outcomes.add(e.getClass());
        assertThat(e.statusCode()).as("at %s", level).isEqualTo(500);
      }
    } finally {
      wire.setLevel(before);
    }
    assertThat(outcomes).containsOnly(ServerErrorException.class);
  }
}
