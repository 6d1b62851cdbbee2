package org.cspkit.partnercenter.test;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Fault} answers with, beside its kind and scope. Immutable.
 *
 * @param status the HTTP status of a fault that replaces the answer, else 0
 * @param code the error code (of an {@link Fault.Kind#ERROR}, a line item error, the failed order
 *     groups), or null
 * @param description the description that goes with {@code code}, or null
 * @param retryAfter the wait a {@link Fault.Kind#THROTTLED} announces, or null
 * @param delay how late a {@link Fault.Kind#SLOW_ANSWER} is sent, or null
 * @param lineItemId the {@code id} of the line item a {@link Fault.Kind#LINE_ITEM_ERROR} flags, or
 *     null
 * @param orderGroups the order groups a {@link Fault.Kind#PARTIAL_CHECKOUT} fails; else empty
 */
record FaultDetails(
    int status,
    Integer code,
    String description,
    Duration retryAfter,
    Duration delay,
    Integer lineItemId,
    List<String> orderGroups) {

  /** An error answer, or nothing ({@code status} 0, {@code code} and {@code description} null). */
  static FaultDetails of(int status, Integer code, String description) {
    return new FaultDetails(status, code, description, null, null, null, List.of());
  }

  /** The {@code Retry-After} seconds, rounded up. */
  long retryAfterSeconds() {
    long seconds = retryAfter.getSeconds();
    return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
  }

  @Override
  public String toString() {
    return (code != null && status != 0 ? " " + status + "/" + code : "")
        + (lineItemId != null ? " line " + lineItemId + ": " + code : "")
        + (!orderGroups.isEmpty() ? " order groups " + orderGroups + ": " + code : "")
        + (retryAfter != null ? " Retry-After " + retryAfterSeconds() + " s" : "")
        + (delay != null ? " after " + delay.toMillis() + " ms" : "");
  }
}
