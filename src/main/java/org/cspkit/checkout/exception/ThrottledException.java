package org.cspkit.checkout.exception;

import java.time.Duration;
import java.util.Optional;
import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered 429 Too Many Requests. Checkout is one of the APIs with enforced
 * throttling, per partner tenant or per partner and customer; wait {@link #retryAfter()} before
 * the next attempt, then back off exponentially (Partner Center page "API throttling guidance").
 * The 429 body is {@code {statusCode, message}}; its message is {@link #errorDescription()}.
 */
public class ThrottledException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception for a 429 response.
   *
   * @param serviceError the decoded error body, or null when the body was empty
   * @param retryAfter the {@code Retry-After} delay, or null when the header was missing or invalid
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public ThrottledException(
      ApiFault serviceError,
      Duration retryAfter,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(describe(429, serviceError) + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"),
        429, serviceError, requestId, correlationId, correlationVector, null);
    this.retryAfter = retryAfter;
  }

  /**
   * How long Partner Center asked to wait, from the {@code Retry-After} header (seconds or an
   * HTTP date).
   *
   * @return the delay, never negative; empty when the header was missing or invalid
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
