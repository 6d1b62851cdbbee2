package org.cspkit.partnercenter.model;

/**
 * Methods of {@link OrderProvisioningStatusCollection} computed from its properties. {@code
 * OrderProvisioningStatusCollection}, generated from the spec, implements this interface (the
 * spec's {@code x-java-implements}); no other type can.
 */
public sealed interface OrderProvisioningStatusCollectionMethods
    permits OrderProvisioningStatusCollection {

  /**
   * Whether any line item of the order is still being provisioned: after a provisioning wait,
   * true tells a timeout from a finished order.
   *
   * @return true if one is pending ({@link OrderLineItemProvisioningStatus#isPending()})
   */
  default boolean anyPending() {
    return ((OrderProvisioningStatusCollection) this)
        .items().stream().anyMatch(OrderLineItemProvisioningStatus::isPending);
  }
}
