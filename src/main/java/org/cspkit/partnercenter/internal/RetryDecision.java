package org.cspkit.partnercenter.internal;

import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.PartnerCenterException;

/**
 * The retry decision of one call, after each failed attempt: whether another attempt follows and
 * after what wait. A 401 gets one replay, at once, if the token source then has another token; a
 * failure the generic classification ({@link AttemptClassifier}) or the operation's {@link
 * OperationRules} retry waits the response's {@code Retry-After}, else the backoff with jitter; no
 * attempt is planned that would start too close to the deadline. One per call; used by one
 * attempt at a time.
 */
final class RetryDecision {
  private final RetryOptions options;
  private final OperationRules rules;
  private final TokenCache tokens;
  /** Whether a 401 has been answered with a fresh token; read and written by attempts only. */
  private boolean replayed401;

  RetryDecision(RetryOptions options, OperationRules rules, TokenCache tokens) {
    this.options = options;
    this.rules = rules;
    this.tokens = tokens;
  }

  /**
   * The wait before the next attempt, or null when this failure ends the call.
   *
   * @param failure the attempt's failure
   * @param headers the response's headers, or null when none arrived
   * @param token the token the attempt was sent with
   * @param number the attempt's number, from 1
   * @param leftNanos what is left of the call's deadline, in nanoseconds
   * @param cancelSignal completed when the call is cancelled (ends a wait for a fresh token), or
   *     null on the calling thread
   * @return the delay, or null
   */
  Duration nextDelay(
      PartnerCenterException failure,
      Headers headers,
      AccessToken token,
      int number,
      long leftNanos,
      CompletableFuture<Void> cancelSignal) {
    int status = failure.statusCode();
    Duration delay;
    if (status == 401) {
      if (replayed401 || !freshTokenAfter(token, leftNanos, cancelSignal)) {
        return null;
      }
      replayed401 = true;
      delay = Duration.ZERO;
    } else if (!AttemptClassifier.isRetryable(failure, rules)) {
      return null;
    } else {
      Duration retryAfter =
          status == 0 || headers == null ? null : ResponseHandler.retryAfter(headers);
      delay = retryAfter != null ? retryAfter : AttemptClassifier.backoff(options, number);
    }
    return fits(delay, leftNanos) ? delay : null;
  }

  /** Whether an attempt after {@code delay} still starts early enough before the deadline. */
  private boolean fits(Duration delay, long leftNanos) {
    return delay.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) < 0
        && leftNanos - delay.toNanos() >= AttemptClassifier.minimumAttemptNanos(options);
  }

  /** Drops the rejected token; true if the source then has another one for a replay. */
  private boolean freshTokenAfter(
      AccessToken rejected, long leftNanos, CompletableFuture<Void> cancelSignal) {
    try {
      tokens.invalidate(rejected);
      return !tokens.get(leftNanos, cancelSignal).value().equals(rejected.value());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The Failsafe policy of calls with {@code options}: it counts attempts and waits the delay the
   * last attempt decided on; it never decides itself.
   */
  static RetryPolicy<AttemptOutcome> policy(RetryOptions options) {
    // The policy counts attempts and waits; each attempt decided whether there is another one and
    // how long to wait before it (it never asks for a wait that would pass the deadline).
    return RetryPolicy.<AttemptOutcome>builder()
        .handleResultIf(AttemptOutcome::retryable)
        // An attempt never throws; if something does all the same, it ends the call.
        .abortOn(Throwable.class)
        .withMaxAttempts(options.maxAttempts())
        .withDelayFn(context -> {
          AttemptOutcome last = context.getLastResult();
          return last != null && last.delay() != null ? last.delay() : Duration.ZERO;
        })
        .build();
  }
}
