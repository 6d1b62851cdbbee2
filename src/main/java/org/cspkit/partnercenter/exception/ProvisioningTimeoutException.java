package org.cspkit.partnercenter.exception;

import java.time.Duration;
import java.util.Objects;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * A wait for an order's provisioning ({@link
 * org.cspkit.partnercenter.OrdersService#waitForProvisioning}) reached its timeout with a line
 * item still pending. Every poll was answered: the order exists and its provisioning goes on;
 * only the wait ended. {@link #lastStatuses()} holds the statuses the last poll read; wait again,
 * or read them later with {@code getProvisioningStatus}.
 *
 * <p>Not a {@link PartnerCenterException}: that one is a call that failed, with a status, an error
 * code, a request ID and {@code mayHaveSucceeded()}; here no call failed and nothing is unknown,
 * and code that handles a failed call (by reporting a service error, or by repeating the call)
 * would misreport a wait that only ran out of time. The message names the order and the timeout,
 * never a token.
 */
public class ProvisioningTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The order waited for. */
  private final String orderId;
  /** The wait's timeout. */
  private final Duration timeout;
  /** The {@code MS-CorrelationId} of every poll of the wait. */
  private final String correlationId;
  /** The statuses of the last poll; not serialized (the generated models are not). */
  private final transient OrderProvisioningStatusCollection lastStatuses;

  /**
   * Creates the exception.
   *
   * @param orderId the order waited for
   * @param timeout the wait's timeout
   * @param lastStatuses the statuses of the last poll, one line item or more pending
   * @param correlationId the {@code MS-CorrelationId} of every poll of the wait, or null
   */
  public ProvisioningTimeoutException(
      String orderId,
      Duration timeout,
      OrderProvisioningStatusCollection lastStatuses,
      String correlationId) {
    super("Order " + orderId + " still has " + pending(lastStatuses)
        + " line item(s) pending after the wait's timeout of " + timeout
        + (correlationId == null ? "" : " (MS-CorrelationId " + correlationId + ")")
        + "; its provisioning goes on: wait again, or read its status later");
    this.orderId = orderId;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.lastStatuses = Objects.requireNonNull(lastStatuses, "lastStatuses");
    this.correlationId = correlationId;
  }

  private static long pending(OrderProvisioningStatusCollection statuses) {
    return statuses == null
        ? 0
        : statuses.items().stream()
            .filter(OrderLineItemProvisioningStatus::isPending)
            .count();
  }

  /**
   * The order waited for.
   *
   * @return the order ID
   */
  public String orderId() {
    return orderId;
  }

  /**
   * The wait's timeout, from its first poll.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The statuses the last poll read, at or just after the timeout: {@link
   * OrderProvisioningStatusCollection#anyPending()} is true.
   *
   * @return the statuses; null only in a deserialized copy
   */
  public OrderProvisioningStatusCollection lastStatuses() {
    return lastStatuses;
  }

  /**
   * The {@code MS-CorrelationId} sent with every poll of the wait, for Microsoft support.
   *
   * @return the correlation ID, or null
   */
  public String correlationId() {
    return correlationId;
  }
}
