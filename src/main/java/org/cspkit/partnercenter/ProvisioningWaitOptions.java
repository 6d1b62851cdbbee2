package org.cspkit.partnercenter;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OrdersService#waitForProvisioning} polls an order's provisioning status: the first
 * poll at once, then waits that start at {@link #initialInterval()} and double up to {@link
 * #maxInterval()}, until no line item is pending or {@link #timeout()} has passed. Partner Center
 * documents no polling interval and warns that continuous polling is throttled ("API throttling
 * guidance"); the defaults poll slowly: 15 seconds, doubling up to 2 minutes, for at most 30
 * minutes. Immutable and thread-safe.
 */
public final class ProvisioningWaitOptions {
  private static final ProvisioningWaitOptions DEFAULTS = new ProvisioningWaitOptions(
      Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofMinutes(30));

  private final Duration initialInterval;
  private final Duration maxInterval;
  private final Duration timeout;

  private ProvisioningWaitOptions(
      Duration initialInterval, Duration maxInterval, Duration timeout) {
    this.initialInterval = initialInterval;
    this.maxInterval = maxInterval;
    this.timeout = timeout;
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
   * Options with these waits.
   *
   * @param initialInterval the wait after the first poll, more than zero
   * @param maxInterval the longest wait between polls, at least {@code initialInterval}
   * @param timeout how long to keep polling, more than zero; checked between polls (a poll in
   *     flight ends by its own retry deadline)
   * @return the options
   * @throws IllegalArgumentException if a duration is out of range
   */
  public static ProvisioningWaitOptions of(
      Duration initialInterval, Duration maxInterval, Duration timeout) {
    Objects.requireNonNull(initialInterval, "initialInterval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException(
          "initialInterval must be more than zero, got " + initialInterval);
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException("maxInterval must be at least initialInterval ("
          + initialInterval + "), got " + maxInterval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be more than zero, got " + timeout);
    }
    return new ProvisioningWaitOptions(initialInterval, maxInterval, timeout);
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
   * How long to keep polling.
   *
   * @return the duration
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProvisioningWaitOptions that
        && initialInterval.equals(that.initialInterval)
        && maxInterval.equals(that.maxInterval)
        && timeout.equals(that.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialInterval, maxInterval, timeout);
  }

  @Override
  public String toString() {
    return "ProvisioningWaitOptions{initialInterval=" + initialInterval + ", maxInterval="
        + maxInterval + ", timeout=" + timeout + "}";
  }
}
