package org.cspkit.partnercenter.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of one call: its attempts as {@code attempts()} shows them, a DEBUG line for each
 * (method, path, attempt number, outcome, milliseconds and the request IDs; never a header or a
 * body), the caller's {@link AttemptListener}, and the span of the attempt in flight. The list is
 * safe to read from any thread; the span is handled by one attempt at a time.
 */
final class CallRecord {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.partnercenter");

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Request request;
  private final CallInfo ids;
  private final AttemptListener listener;
  private final Telemetry.Operation operation;
  /** The failure of the last attempt that ended, or null. */
  private volatile PartnerCenterException lastFailure;
  /** The span of the attempt in flight, until it ends; read and written by attempts only. */
  private Telemetry.AttemptSpan attemptSpan;

  CallRecord(
      Request request, CallInfo ids, AttemptListener listener, Telemetry.Operation operation) {
    this.request = request;
    this.ids = ids;
    this.listener = listener;
    this.operation = operation;
  }

  /** The attempts so far, in order. */
  List<Attempt> attempts() {
    return attempts;
  }

  /** The number the next attempt gets. */
  int nextNumber() {
    return attempts.size() + 1;
  }

  /** Whether an attempt so far may have taken effect. */
  boolean anyMayHaveSucceeded() {
    return attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
  }

  /** The failure of the last attempt that ended, or null. */
  PartnerCenterException lastFailure() {
    return lastFailure;
  }

  /** Starts the attempt's span, as its request is handed to a connection. */
  Telemetry.AttemptSpan attemptSending(Request sending, int number) {
    Telemetry.AttemptSpan span = operation.attempt(sending, number);
    attemptSpan = span;
    return span;
  }

  /** The successful last attempt, logged; added to the list by {@link #add}. */
  Attempt succeeded(int number, long attemptStart, int status) {
    return logged(number, attemptStart, status, status + " (decoded)", false);
  }

  /** Adds an attempt that {@link #succeeded} logged, and ends its span. */
  void add(Attempt attempt, AttemptState state) {
    attempts.add(attempt);
    endAttempt(attempt, state, null);
  }

  /** Records an attempt that got no token: nothing was sent. */
  void noToken(int number, long attemptStart, String why) {
    attempts.add(logged(number, attemptStart, 0, "no token: " + why, false));
  }

  /** Records a failed attempt and ends its span. */
  void failed(
      int number,
      long attemptStart,
      PartnerCenterException failure,
      IOException io,
      AttemptState state,
      boolean safe) {
    lastFailure = failure;
    Attempt attempt = logged(
        number,
        attemptStart,
        failure.statusCode(),
        AttemptClassifier.describe(failure, io, state.secrets()),
        AttemptClassifier.mayHaveSucceeded(failure, io, state, safe));
    attempts.add(attempt);
    endAttempt(attempt, state, failure);
  }

  /**
   * Tells the caller's listener of the last failed attempt; a listener's failure is logged at
   * DEBUG, never thrown.
   */
  void notifyListener(int maxAttempts, Optional<Duration> nextDelay) {
    if (listener == null || attempts.isEmpty()) {
      return;
    }
    try {
      listener.attemptFailed(attempts.get(attempts.size() - 1), maxAttempts, nextDelay);
    } catch (Throwable ignored) {
      LOG.debug("the attempt listener failed", ignored);
    }
  }

  /**
   * Ends the span of the attempt in flight, if any; {@code state} is null when the attempt failed
   * before it had one.
   */
  void endAttempt(Attempt recorded, AttemptState state, PartnerCenterException failure) {
    Telemetry.AttemptSpan span = attemptSpan;
    attemptSpan = null;
    if (span != null) {
      span.end(
          recorded,
          state == null ? null : state.headers(),
          failure,
          state == null ? List.of() : state.secrets());
    }
  }

  /** The attempt as it ended, logged at DEBUG. */
  private Attempt logged(int number, long attemptStart, int status, String outcome, boolean maybe) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStart);
    Attempt attempt = new Attempt(number, status, outcome, elapsed, maybe);
    if (!LOG.isDebugEnabled()) {
      // Not even the arguments' array and boxes when the level is off.
      return attempt;
    }
    LOG.debug(
        "{} {} attempt {} -> {} in {} ms [MS-RequestId={}, MS-CorrelationId={}]",
        request.method(),
        request.url().encodedPath(),
        number,
        outcome,
        elapsed.toMillis(),
        ids.requestId(),
        ids.correlationId());
    return attempt;
  }
}
