package org.cspkit.partnercenter;

import java.time.Duration;
import java.util.Optional;
import org.cspkit.partnercenter.exception.Attempt;

/**
 * Hears about each attempt of a call that did not succeed, as it ends: for progress lines
 * ("attempt 2 of 4: 503; retrying in 2 s"), metrics or logs of the caller's own. Set per call with
 * {@link RequestOptions.Builder#attemptListener}.
 *
 * <p>Called on the thread that made the attempt (the caller's for {@link CartsService#checkout(String, String)},
 * one of the client's for {@link CartsService#checkoutAsync(String, String)}), before the wait; keep it short.
 * An exception it throws is ignored and changes nothing.
 */
@FunctionalInterface
public interface AttemptListener {

  /**
   * An attempt ended without a result.
   *
   * @param attempt the attempt: its number, status, outcome, time and whether it may have
   *     succeeded
   * @param maxAttempts the most attempts this call makes
   * @param retryIn the wait before the next attempt, or empty when none follows
   */
  void attemptFailed(Attempt attempt, int maxAttempts, Optional<Duration> retryIn);
}
