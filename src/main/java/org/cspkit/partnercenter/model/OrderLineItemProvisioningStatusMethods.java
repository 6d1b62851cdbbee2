package org.cspkit.partnercenter.model;

import java.util.Locale;

/**
 * Methods of {@link OrderLineItemProvisioningStatus} computed from its properties. {@code
 * OrderLineItemProvisioningStatus}, generated from the spec, implements this interface (the spec's
 * {@code x-java-implements}); no other type can.
 */
public sealed interface OrderLineItemProvisioningStatusMethods
    permits OrderLineItemProvisioningStatus {

  /**
   * Whether this line item is still being provisioned: its status, or the status of one of its
   * quantities, is {@code PrefulfillmentPending} or any other value containing "pending" (matched
   * without regard to case, so that a value added later is still waited for). {@code fulfilled}
   * and {@code Unfulfilled} (cancelled) are final, and so is a missing status.
   *
   * @return true while it is pending
   */
  default boolean isPending() {
    OrderLineItemProvisioningStatus line = (OrderLineItemProvisioningStatus) this;
    return isPending(line.status())
        || line.quantityProvisioningInformation().stream()
            .anyMatch(quantity -> isPending(quantity.status()));
  }

  private static boolean isPending(ProvisioningStatus status) {
    return status != null && status.value().toLowerCase(Locale.ROOT).contains("pending");
  }
}
