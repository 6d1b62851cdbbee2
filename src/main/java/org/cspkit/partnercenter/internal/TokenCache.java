package org.cspkit.partnercenter.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AccessTokenSource;

/**
 * Keeps the last token of a source and replaces it ahead of its expiry (a token with no known
 * expiry is kept until it is invalidated). The source is called on a thread of the cache's own, one
 * call at a time, so that a caller waits for a token only as long as its deadline allows and an
 * interrupt or a cancel ends the wait at once; a fetch a caller stopped waiting for still fills
 * the cache. Thread-safe:
 *
 * <ul>
 *   <li>a token's margin is the configured one, or half the token's lifetime when that is shorter
 *       (a 60-second token is replaced 30 seconds before it expires, not fetched on every call);
 *   <li>until the margin before expiry the token is returned as it is;
 *   <li>in the first half of the margin a fetch starts in the background and every caller keeps
 *       the current token, which is still valid for at least half the margin;
 *   <li>with no token, or less than half the margin left, callers wait for that one fetch.
 * </ul>
 */
public final class TokenCache implements AutoCloseable {
  private final AccessTokenSource source;
  private final Duration margin;
  private final Clock clock;
  private final ExecutorService fetcher;
  private final Object lock = new Object();
  private volatile Cached current;
  /** The fetch in progress, or null; guarded by {@code lock}. */
  private CompletableFuture<Cached> fetch;

  /** A token with the instants at which it is refreshed ahead and at which callers must wait. */
  private record Cached(AccessToken token, Instant refreshAhead, Instant refresh) {}

  /**
   * Creates the cache.
   *
   * @param source where tokens come from
   * @param margin how long before its expiry a token is replaced, at most half its lifetime
   * @param clock the clock expiries are compared with
   */
  public TokenCache(AccessTokenSource source, Duration margin, Clock clock) {
    this.source = source;
    this.margin = margin;
    this.clock = clock;
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Threads.daemon("cspkit-pc-token"));
    pool.allowCoreThreadTimeOut(true);
    this.fetcher = pool;
  }

  /**
   * A token that is valid now, waiting at most {@code timeoutNanos} for the source.
   *
   * @param timeoutNanos the longest wait for the source, in nanoseconds
   * @param cancelled completed when the caller no longer wants the token
   * @return the token
   * @throws TokenUnavailableException if the source failed, returned null or did not answer in time
   * @throws InterruptedException if the thread was interrupted while waiting
   * @throws CancellationException if {@code cancelled} completed while waiting
   */
  public AccessToken get(long timeoutNanos, CompletableFuture<?> cancelled)
      throws InterruptedException {
    Cached cached = current;
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.refreshAhead())) {
      return cached.token();
    }
    CompletableFuture<Cached> next = startFetch(cached);
    if (cached != null && now.isBefore(cached.refresh())) {
      return cached.token();
    }
    CompletableFuture<?> wait = cancelled == null ? next : CompletableFuture.anyOf(next, cancelled);
    try {
      wait.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TokenUnavailableException(
          "the access token source gave no token within "
              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms, what was left of the deadline",
          null);
    } catch (ExecutionException e) {
      // Reported below from the fetch itself.
    }
    if (!next.isDone()) {
      throw new CancellationException("the call was cancelled while waiting for a token");
    }
    try {
      return next.join().token();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TokenUnavailableException own) {
        throw new TokenUnavailableException(own.getMessage(), null);
      }
      throw new TokenUnavailableException(
          "the access token source failed: " + cause.getClass().getName(), cause);
    }
  }

  /** The fetch in progress, or a new one unless {@code seen} has already been replaced. */
  @SuppressWarnings("ReferenceEquality") // identity on purpose: has the entry been replaced
  private CompletableFuture<Cached> startFetch(Cached seen) {
    synchronized (lock) {
      if (fetch != null) {
        return fetch;
      }
      Cached latest = current;
      if (latest != seen && latest != null && clock.instant().isBefore(latest.refreshAhead())) {
        return CompletableFuture.completedFuture(latest);
      }
      CompletableFuture<Cached> started = new CompletableFuture<>();
      fetch = started;
      try {
        fetcher.execute(() -> fetchInto(started));
      } catch (RuntimeException rejected) {
        fetch = null;
        started.completeExceptionally(rejected);
      }
      return started;
    }
  }

  private void fetchInto(CompletableFuture<Cached> started) {
    Cached fetched = null;
    Throwable failure = null;
    try {
      AccessToken token = source.getToken();
      if (token == null) {
        throw new TokenUnavailableException("the access token source returned null", null);
      }
      fetched = cache(token);
    } catch (Throwable t) {
      failure = t;
    }
    synchronized (lock) {
      if (fetched != null) {
        current = fetched;
      }
      fetch = null;
    }
    if (failure == null) {
      started.complete(fetched);
    } else {
      started.completeExceptionally(failure);
    }
  }

  private Cached cache(AccessToken token) {
    if (token.expiresAt().isEmpty()) {
      return new Cached(token, Instant.MAX, Instant.MAX);
    }
    Instant expiry = token.expiresAt().get();
    Duration lifetime = Duration.between(clock.instant(), expiry);
    Duration tokenMargin = lifetime.isNegative()
        ? Duration.ZERO
        : margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
    return new Cached(token, expiry.minus(tokenMargin), expiry.minus(tokenMargin.dividedBy(2)));
  }

  /**
   * Drops {@code rejected} if it is still the cached token, and tells the source.
   *
   * @param rejected the token Partner Center answered 401 to
   */
  public void invalidate(AccessToken rejected) {
    // The source first, so that a fetch started meanwhile cannot bring the rejected token back.
    source.invalidate(rejected);
    synchronized (lock) {
      Cached cached = current;
      if (cached != null && cached.token() == rejected) {
        current = null;
      }
    }
  }

  /** Stops the fetch thread; a fetch in progress finishes. */
  @Override
  public void close() {
    fetcher.shutdown();
  }

  @Override
  public String toString() {
    return "TokenCache{source=" + source + ", margin=" + margin + "}";
  }

  /**
   * No token could be had: the source failed (the cause is what it threw, as it threw it; the
   * message names only its class) or returned null, or did not answer in time.
   */
  public static final class TokenUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
