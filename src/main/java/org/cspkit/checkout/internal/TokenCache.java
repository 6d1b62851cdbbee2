package org.cspkit.checkout.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.cspkit.checkout.AccessToken;
import org.cspkit.checkout.AccessTokenSource;

/**
 * Keeps the last token of a source until {@code margin} before it expires (a token with no known
 * expiry is kept until it is invalidated). Concurrent callers that find no usable token wait for
 * one call of the source instead of each calling it. Thread-safe.
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
    if (usable(token)) {
      return token;
    }
    lock.lock();
    try {
      token = current;
      if (usable(token)) {
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

  private boolean usable(AccessToken token) {
    if (token == null) {
      return false;
    }
    Optional<Instant> expiresAt = token.expiresAt();
    return expiresAt.isEmpty() || clock.instant().isBefore(expiresAt.get().minus(margin));
  }

  @Override
  public String toString() {
    return "TokenCache{source=" + source + ", margin=" + margin + "}";
  }
}
