package org.cspkit.partnercenter.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.TokenCache.TokenUnavailableException;
import org.cspkit.partnercenter.internal.WireInterceptor.UnplannedRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a call: a token from the {@link TokenCache} within the deadline, the attempt's
 * call timeout cut at the deadline, a cancellation check right before the request is handed to a
 * connection, the send, and the response decoded or mapped to a typed exception by {@link
 * ResponseHandler}. A failure goes to {@link PipelineCall#failed}, which records it and decides on
 * the next attempt. Stateless and thread-safe; one per client.
 */
final class AttemptSender {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.partnercenter");
  /**
   * The most pooled connections one attempt finds closed by the server before it gives up: more
   * than OkHttp's default of 5 idle connections, each closed as it is found.
   */
  private static final int MAX_CLOSED_CONNECTIONS = 8;

  private final HttpStack http;
  private final TokenCache tokens;
  private final ResponseHandler responses;
  private final Duration callTimeout;

  AttemptSender(
      HttpStack http, TokenCache tokens, ResponseHandler responses, Duration callTimeout) {
    this.http = http;
    this.tokens = tokens;
    this.responses = responses;
    this.callTimeout = callTimeout;
  }

  /**
   * Sends the call's next attempt.
   *
   * @param call the call
   * @param previousFailure the failure of the attempt before, or null
   * @return the attempt's outcome; never throws but for a bug
   */
  AttemptOutcome send(PipelineCall call, PartnerCenterException previousFailure) {
    CallRecord record = call.record();
    int number = record.nextNumber();
    long attemptStart = System.nanoTime();
    AccessToken token;
    try {
      token = tokens.get(call.leftNanos(), call.cancelSignal());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AttemptOutcome.last(call.stopped("interrupted while waiting for an access token", e));
    } catch (CancellationException e) {
      return AttemptOutcome.last(call.stopped("the call was cancelled", e));
    } catch (TokenUnavailableException e) {
      PartnerCenterException failure = responses.tokenFailure(e, call.ids());
      record.noToken(number, attemptStart, e.getMessage());
      call.retryPlanned(false);
      return AttemptOutcome.last(failure);
    }
    // The attempt's span starts as its request is handed to a connection (WireInterceptor):
    // an attempt that sends nothing is no HTTP span.
    AttemptState state = new AttemptState(
        token.value(), call.cancelledFlag(), sending -> record.attemptSending(sending, number));
    Request request = call.request();
    Call httpCall =
        http.newCall(request.newBuilder().tag(AttemptState.class, state).build());
    long timeoutNanos = call.leftNanos();
    if (!callTimeout.isZero()) {
      timeoutNanos = Math.min(timeoutNanos, callTimeout.toNanos());
    }
    httpCall.timeout().timeout(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
    PartnerCenterException stoppedBeforeSending = call.inFlight(httpCall, state, previousFailure);
    if (stoppedBeforeSending != null) {
      record.endAttempt(null, state, stoppedBeforeSending);
      return AttemptOutcome.last(stoppedBeforeSending);
    }
    Attempted attempted = new Attempted(number, attemptStart, state, httpCall, token);
    try (Response response = executeOnOpenConnection(call, httpCall)) {
      OperationBinding<?> binding = call.binding();
      Object result = responses.handle(
          response,
          binding.converter(),
          binding.success(),
          binding.safe(),
          binding.rules(),
          call.ids(),
          state.secrets());
      Attempt last = record.succeeded(number, attemptStart, response.code());
      List<Attempt> all = new ArrayList<>(record.attempts());
      all.add(last);
      PartnerCenterResponse<Object> done = new PartnerCenterResponse<>(
          result,
          response.code(),
          Redaction.scrub(response.headers(), state.secrets()),
          call.ids().requestId(),
          call.ids().correlationId(),
          all);
      // Succeeded before the attempt joins the call's list: a cancel that sees the successful
      // attempt among the attempts also sees the success, and returns it instead.
      call.succeeded(done);
      record.add(last, state);
      return AttemptOutcome.succeeded(done);
    } catch (PartnerCenterException e) {
      return call.failed(e, null, attempted);
    } catch (UnplannedRequestException e) {
      // OkHttp (or an interceptor) wanted to send again after this response: report the
      // response; the retry decision says whether there is another attempt.
      return call.failed(
          responses.statusOnly(e.status, request, e.headers, call.ids(), state.secrets()),
          null,
          attempted);
    } catch (IOException e) {
      return call.failed(responses.failure(e, call.ids(), state.secrets()), e, attempted);
    } catch (RuntimeException e) {
      // Thrown once the response had arrived (OkHttp's own follow-up code fails on a Retry-After
      // past 2^31 seconds): the response is the attempt's answer.
      PartnerCenterException failure = state.status() != 0
          ? responses.statusOnly(
              state.status(), request, state.headers(), call.ids(), state.secrets())
          : new TransportException(
              Redaction.scrub("The attempt failed unexpectedly: " + e, state.secrets()),
              ErrorDetails.noResponse(call.ids().requestId(), call.ids().correlationId()),
              Redaction.scrub(e, state.secrets()));
      return call.failed(failure, null, attempted);
    } finally {
      call.attemptEnded();
    }
  }

  /**
   * What a failed attempt hands to the retry decision.
   *
   * @param number the attempt's number
   * @param start its start, in {@link System#nanoTime()}
   * @param state what the wire saw
   * @param call its HTTP call
   * @param token the token it was sent with
   */
  record Attempted(int number, long start, AttemptState state, Call call, AccessToken token) {}

  /**
   * Executes the attempt's call; if the pooled connection it was given had been closed by the
   * server while idle ({@link PooledConnections}: nothing was written), executes it again at once
   * on another connection, as part of the same attempt: no request left the client.
   */
  private static Response executeOnOpenConnection(PipelineCall call, Call first)
      throws IOException {
    Call httpCall = first;
    for (int closedConnections = 1; ; closedConnections++) {
      try {
        return httpCall.execute();
      } catch (WireInterceptor.StaleConnectionException e) {
        if (closedConnections > MAX_CLOSED_CONNECTIONS) {
          throw e;
        }
        LOG.debug(
            "{} {}: the pooled connection had been closed by the server while idle; nothing was"
                + " sent, trying another connection [MS-RequestId={}]",
            call.request().method(),
            call.request().url().encodedPath(),
            call.ids().requestId());
        Call next = httpCall.clone();
        next.timeout()
            .timeout(Math.max(1, httpCall.timeout().timeoutNanos()), TimeUnit.NANOSECONDS);
        httpCall = next;
        call.retargeted(next);
      }
    }
  }
}
