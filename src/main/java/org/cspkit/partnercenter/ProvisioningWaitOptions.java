package org.cspkit.partnercenter;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * How {@link OrdersService#waitForProvisioning} polls an order's provisioning status: the first
 * poll at once, then waits that start at {@link #initialInterval()} and double up to {@link
 * #maxInterval()} (each at least the {@code Retry-After} of the poll's response), until no line
 * item is pending or {@link #timeout()} has passed. Partner Center
 * documents no polling interval and warns that continuous polling is throttled ("API throttling
 * guidance"); the defaults poll slowly: 15 seconds, doubling up to 2 minutes, for at most 30
 * minutes. A {@linkplain Builder#pollListener poll listener} sees every statuses read, for
 * progress lines. Immutable and thread-safe (the listener is called on the polling thread).
 *
 * <pre>{@code
 * ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
 *     .initialInterval(Duration.ofSeconds(30))
 *     .timeout(Duration.ofMinutes(10))
 *     .pollListener(statuses -> log.info("{} line(s) pending",
 *         statuses.items().stream().filter(OrderLineItemProvisioningStatus::isPending).count()))
 *     .build();
 * }</pre>
 */
public final class ProvisioningWaitOptions {
  private static final ProvisioningWaitOptions DEFAULTS = new Builder().build();

  private final Duration initialInterval;
  private final Duration maxInterval;
  private final Duration timeout;
  private final Consumer<OrderProvisioningStatusCollection> pollListener;

  private ProvisioningWaitOptions(Builder builder) {
    this.initialInterval = builder.initialInterval;
    this.maxInterval = builder.maxInterval;
    this.timeout = builder.timeout;
    this.pollListener = builder.pollListener;
  }

  /**
   * The defaults: 15 seconds, doubling up to 2 minutes, for at most 30 minutes.
   *
   * @return the shared default instance
   */
  public static ProvisioningWaitOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.initialInterval = initialInterval;
    builder.maxInterval = maxInterval;
    builder.timeout = timeout;
    builder.pollListener = pollListener;
    return builder;
  }

  /**
   * The wait after the first poll.
   *
   * @return the duration
   */
  public Duration initialInterval() {
    return initialInterval;
  }

  /**
   * The longest wait between polls.
   *
   * @return the duration
   */
  public Duration maxInterval() {
    return maxInterval;
  }

  /**
   * How long to keep polling: no poll starts after it, and a poll's retries end by it (see {@link
   * Builder#timeout}).
   *
   * @return the duration
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * What is called with the statuses of every successful poll, the last one included.
   *
   * @return the listener, or empty
   */
  public Optional<Consumer<OrderProvisioningStatusCollection>> pollListener() {
    return Optional.ofNullable(pollListener);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProvisioningWaitOptions that
        && initialInterval.equals(that.initialInterval)
        && maxInterval.equals(that.maxInterval)
        && timeout.equals(that.timeout)
        && Objects.equals(pollListener, that.pollListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialInterval, maxInterval, timeout, pollListener);
  }

  @Override
  public String toString() {
    return "ProvisioningWaitOptions{initialInterval=" + initialInterval + ", maxInterval="
        + maxInterval + ", timeout=" + timeout + (pollListener != null ? ", pollListener" : "")
        + "}";
  }

  /**
   * Builds {@link ProvisioningWaitOptions}: each setter checks its value at once, and {@link
   * #build()} checks them together. Not thread-safe.
   */
  public static final class Builder {
    private Duration initialInterval = Duration.ofSeconds(15);
    private Duration maxInterval = Duration.ofMinutes(2);
    private Duration timeout = Duration.ofMinutes(30);
    private Consumer<OrderProvisioningStatusCollection> pollListener;

    private Builder() {}

    /**
     * The wait after the first poll; the waits after it double up to {@link #maxInterval}.
     * Default 15 seconds.
     *
     * @param initialInterval more than zero
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder initialInterval(Duration initialInterval) {
      this.initialInterval = positive(initialInterval, "initialInterval");
      return this;
    }

    /**
     * The longest wait between polls. Default 2 minutes.
     *
     * @param maxInterval more than zero, and at least the initial interval at {@link #build()}
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = positive(maxInterval, "maxInterval");
      return this;
    }

    /**
     * How long to keep polling, from the first poll. Default 30 minutes. Checked between polls;
     * the last poll is made at the timeout, and a wait whose last poll still finds a line item
     * pending ends with a {@link org.cspkit.partnercenter.exception.ProvisioningTimeoutException}.
     * No poll's retry outlasts it: a retry or a {@code Retry-After} that does not fit in what is
     * left is not made, and that poll's failure ends the wait (in the last 10 seconds a poll is a
     * single attempt, cut after 10 seconds).
     *
     * @param timeout more than zero, and more than the initial interval at {@link #build()}
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Called on the polling thread with the statuses of every successful poll, pending or not,
     * before the next wait: for progress lines. An exception it throws ends the wait with that
     * exception.
     *
     * @param pollListener the listener, or null for none
     * @return this builder
     */
    public Builder pollListener(Consumer<OrderProvisioningStatusCollection> pollListener) {
      this.pollListener = pollListener;
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     * @throws IllegalArgumentException if {@code maxInterval} is less than {@code
     *     initialInterval}, or {@code timeout} is not more than {@code initialInterval}; the
     *     message names both settings
     */
    public ProvisioningWaitOptions build() {
      if (maxInterval.compareTo(initialInterval) < 0) {
        throw new IllegalArgumentException("maxInterval must be at least initialInterval ("
            + initialInterval + "), got " + maxInterval);
      }
      if (timeout.compareTo(initialInterval) <= 0) {
        throw new IllegalArgumentException("timeout must be more than initialInterval ("
            + initialInterval + "), got " + timeout + ": the wait would end before its second"
            + " poll");
      }
      return new ProvisioningWaitOptions(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be more than zero, got " + value);
      }
      return value;
    }
  }
}
