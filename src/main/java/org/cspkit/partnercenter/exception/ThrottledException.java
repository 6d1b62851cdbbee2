package org.cspkit.partnercenter.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * Partner Center answered 429 Too Many Requests. Checkout is one of the APIs with enforced
 * throttling, per partner tenant or per partner and customer; wait {@link #retryAfter()} before
 * the next attempt, then back off exponentially (Partner Center page "API throttling guidance").
 * The 429 body is {@code {statusCode, message}}; its message is {@link #errorDescription()}.
 */
public class ThrottledException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /** The {@code Retry-After} delay, or null. */
  private final Duration retryAfter;

  /**
   * Creates the exception for a 429 response.
   *
   * @param details the status, error body and request IDs
   * @param retryAfter the {@code Retry-After} delay, or null when the header was missing or invalid
   */
  public ThrottledException(ErrorDetails details, Duration retryAfter) {
    super(
        describe(details)
            + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"),
        details,
        null);
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
