package org.cspkit.partnercenter.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;

/**
 * The generic retry classification, in one place: which failures are retried, which may have
 * taken effect, how long to wait before the next attempt, and how close to the deadline an
 * attempt may still start. A GET is safe to repeat; a POST or PUT is repeated with the same
 * {@code MS-RequestId}. An operation's {@link OperationRules} add to it. {@link Pipeline} applies
 * it to each attempt. Stateless.
 */
final class AttemptClassifier {
  private AttemptClassifier() {}

  /** No attempt starts with less than this left before the deadline: a tenth of it, at most 1 s. */
  static long minimumAttemptNanos(RetryOptions options) {
    return Math.min(options.deadline().toNanos() / 10, TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * The statuses retried for every operation; the one place they are written in code ({@link
   * RetryOptions} documents them for users).
   */
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  /** Retried: no response, a {@link #RETRYABLE_STATUSES} status, and what the operation adds. */
  static boolean isRetryable(PartnerCenterException failure, OperationRules rules) {
    return failure instanceof TransportException
        || RETRYABLE_STATUSES.contains(failure.statusCode())
        || rules.alsoRetried(failure);
  }

  /**
   * Whether the attempt may have taken effect: never for a safe method (GET); for a POST or PUT,
   * when the request was sent and no answer came (anything but a refused connection or unknown
   * host), a gateway timed out, a 2xx body could not be decoded, or a 2xx status the spec does not
   * document came back.
   */
  static boolean mayHaveSucceeded(
      PartnerCenterException failure, IOException io, AttemptState state, boolean safe) {
    if (safe) {
      return false;
    }
    if (failure instanceof TransportException) {
      return state.sent()
          && !(io instanceof ConnectException || io instanceof UnknownHostException);
    }
    int status = failure.statusCode();
    return status == 502
        || status == 504
        || failure instanceof OutcomeUnknownException
        || (failure instanceof UndecodableResponseException && status >= 200 && status < 300);
  }

  /** The outcome of a failed attempt as {@code attempts()} and the DEBUG line show it. */
  static String describe(PartnerCenterException failure, IOException io, List<String> secrets) {
    if (failure.statusCode() == 0) {
      Throwable cause = io != null ? io : failure.getCause();
      return Redaction.scrub(
          "no response: " + (cause == null ? failure.getClass().getSimpleName() : cause), secrets);
    }
    return failure.statusCode()
        + failure
            .serviceError()
            .map(fault -> fault.code() == null ? "" : " (" + fault.code() + ")")
            .orElse("")
        + (failure instanceof UndecodableResponseException ? " (undecodable body)" : "");
  }

  /** The wait before the attempt after {@code number}: doubling, with jitter, capped. */
  static Duration backoff(RetryOptions options, int number) {
    double base = Math.min(
        (double) options.maxDelay().toNanos(),
        options.initialDelay().toNanos() * Math.pow(2, number - 1));
    double jittered = base * (1 + options.jitter() * ThreadLocalRandom.current().nextDouble(-1, 1));
    return Duration.ofNanos((long) Math.min((double) options.maxDelay().toNanos(), jittered));
  }
}
