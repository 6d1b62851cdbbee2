package org.cspkit.checkout.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.cspkit.checkout.AccessToken;
import org.cspkit.checkout.AccessTokenSource;

/**
 * Keeps the last token of a source and replaces it ahead of its expiry (a token with no known
 * expiry is kept until it is invalidated). Thread-safe:
 *
 * <ul>
 *   <li>until {@code margin} before expiry the token is returned as it is;
 *   <li>in the first half of the margin one caller fetches a new token while the others, instead
 *       of waiting for it, keep using the current one, which is still valid for at least half the
 *       margin; a failed fetch fails only the caller that made it;
 *   <li>with no token, or less than half the margin left, callers wait for one fetch of the
 *       source instead of each calling it.
 * </ul>
 */
public final class TokenCache implements AccessTokenSource {
  private final AccessTokenSource source;
  private final Duration margin;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile AccessToken current;

  /**
   * Creates the cache.
   *
   * @param source where tokens come from
   * @param margin how long before its expiry a token is replaced
   * @param clock the clock expiries are compared with
   */
  public TokenCache(AccessTokenSource source, Duration margin, Clock clock) {
    this.source = source;
    this.margin = margin;
    this.clock = clock;
  }

  @Override
  public AccessToken getToken() {
    AccessToken token = current;
    if (validForMoreThan(token, margin)) {
      return token;
    }
    if (validForMoreThan(token, margin.dividedBy(2))) {
      // Refresh ahead: someone is already fetching, so the current token will do meanwhile.
      if (!lock.tryLock()) {
        return token;
      }
    } else {
      lock.lock();
    }
    try {
      token = current;
      if (validForMoreThan(token, margin)) {
        return token;
      }
      token = source.getToken();
      if (token == null) {
        throw new IllegalStateException("the access token source returned null");
      }
      current = token;
      return token;
    } finally {
      lock.unlock();
    }
  }

  /** Drops {@code rejected} if it is still the cached token, and tells the source. */
  @Override
  public void invalidate(AccessToken rejected) {
    lock.lock();
    try {
      if (current == rejected) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
    source.invalidate(rejected);
  }

  /** Whether {@code token} is still valid for more than {@code left}; one with no expiry is. */
  private boolean validForMoreThan(AccessToken token, Duration left) {
    if (token == null) {
      return false;
    }
    Optional<Instant> expiresAt = token.expiresAt();
    return expiresAt.isEmpty() || clock.instant().isBefore(expiresAt.get().minus(left));
  }

  @Override
  public String toString() {
    return "TokenCache{source=" + source + ", margin=" + margin + "}";
  }
}
