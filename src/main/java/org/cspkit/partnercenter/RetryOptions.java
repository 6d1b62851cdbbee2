package org.cspkit.partnercenter;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call is retried (the same for every operation): at most {@link #maxAttempts()} attempts within {@link #deadline()},
 * waiting {@link #initialDelay()} before the first retry and doubling up to {@link #maxDelay()},
 * each wait varied by up to ±{@link #jitter()} of itself (and still capped). A {@code Retry-After}
 * on any retried status replaces the computed wait, whatever the body, and is never shortened; if
 * it would end after the deadline, the failure (such as the {@link
 * org.cspkit.partnercenter.exception.ThrottledException}) is thrown at once.
 *
 * <p>Retried: no response (connection failure, reset, timeout), 408, 429, 500, 502, 503, 504, and
 * for checkout also 409 with 800064 (cart being processed by another request) or 800060 (order in
 * progress). Never retried: any other 4xx. Every attempt of one call carries the same {@code
 * MS-RequestId}, the idempotency key Partner Center documents for retries (Partner Center page
 * "Partner Center REST headers"): a GET is safe to repeat, and a POST or PUT repeated with it is
 * not made twice.
 *
 * <p>A retry whose wait would leave less than a tenth of the deadline (at most one second) for it
 * is not made: the last failure is thrown at once rather than at the deadline. A 401 is answered
 * once with a fresh token and no wait; that replay is an attempt like the others and counts
 * toward {@link #maxAttempts()}. A pooled connection found closed by the server while idle is no
 * attempt: nothing was written, and the attempt goes out at once on another connection.
 *
 * <p>Every setting is checked when it is set, against the range its setter documents, so options
 * that build are options every call accepts.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, derive with {@link #newBuilder()}.
 */
public final class RetryOptions {
  private static final Duration MAX_DELAY = Duration.ofHours(1);
  private static final Duration MAX_DEADLINE = Duration.ofDays(1);

  /**
   * The defaults: 4 attempts, 1 s initial delay doubling up to 30 s, jitter 0.2, deadline 120 s.
   */
  public static final RetryOptions DEFAULT = new Builder().build();

  /** One attempt only: no retries. */
  public static final RetryOptions NONE = new Builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration deadline;

  private RetryOptions(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialDelay = builder.initialDelay;
    this.maxDelay = builder.maxDelay;
    this.jitter = builder.jitter;
    this.deadline = builder.deadline;
  }

  /**
   * A builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialDelay(initialDelay)
        .maxDelay(maxDelay)
        .jitter(jitter)
        .deadline(deadline);
  }

  /**
   * The most attempts one call makes, the first included.
   *
   * @return 1 or more
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The wait before the first retry; it doubles with each retry.
   *
   * @return the delay
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * The cap on each computed wait (a {@code Retry-After} is not capped: one that would end after
   * the deadline ends the call at once).
   *
   * @return the cap
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * How much each computed wait varies at random, as a fraction of itself.
   *
   * @return from 0 (none) to 0.5
   */
  public double jitter() {
    return jitter;
  }

  /**
   * The limit on the whole call, all attempts and waits included; each attempt's HTTP call
   * is also cut at the deadline, and no attempt starts with less than a tenth of it (at most one
   * second) left.
   *
   * @return the deadline, measured from the start of the call
   */
  public Duration deadline() {
    return deadline;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryOptions that
        && maxAttempts == that.maxAttempts
        && initialDelay.equals(that.initialDelay)
        && maxDelay.equals(that.maxDelay)
        && jitter == that.jitter
        && deadline.equals(that.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialDelay, maxDelay, jitter, deadline);
  }

  @Override
  public String toString() {
    return "RetryOptions{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay
        + ", maxDelay=" + maxDelay + ", jitter=" + jitter + ", deadline=" + deadline + "}";
  }

  /** Builds {@link RetryOptions}. Not thread-safe; setters validate at once. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(30);
    private double jitter = 0.2;
    private Duration deadline = Duration.ofMinutes(2);

    private Builder() {}

    /**
     * The most attempts, the first included. Default 4.
     *
     * @param maxAttempts from 1 (no retries) to 100
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be from 1 to 100, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The wait before the first retry. Default 1 second.
     *
     * @param initialDelay from 1 millisecond to 1 hour
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = inRange(initialDelay, "initialDelay", MAX_DELAY, "1 hour");
      return this;
    }

    /**
     * The cap on each computed wait. Default 30 seconds.
     *
     * @param maxDelay from 1 millisecond to 1 hour, and not shorter than {@code initialDelay}
     *     (equal gives a constant wait)
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = inRange(maxDelay, "maxDelay", MAX_DELAY, "1 hour");
      return this;
    }

    /**
     * How much each computed wait varies at random. Default 0.2 (±20%).
     *
     * @param jitter from 0 to 0.5
     * @return this builder
     * @throws IllegalArgumentException if outside 0 to 0.5
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 0.5)) {
        throw new IllegalArgumentException("jitter must be from 0 to 0.5, got " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * The limit on the whole call. Default 120 seconds. It may be shorter than the delays: a
     * retry that does not fit is simply not made.
     *
     * @param deadline from 1 millisecond to 1 day
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder deadline(Duration deadline) {
      this.deadline = inRange(deadline, "deadline", MAX_DEADLINE, "1 day");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if {@code maxDelay} is shorter than {@code initialDelay}
     */
    public RetryOptions build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay " + maxDelay + " must not be shorter than initialDelay " + initialDelay);
      }
      return new RetryOptions(this);
    }

    private static Duration inRange(Duration value, String name, Duration max, String maxText) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            name + " must be from 1 millisecond to " + maxText + ", got " + value);
      }
      return value;
    }
  }
}
