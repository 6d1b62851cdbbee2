package org.cspkit.partnercenter.internal;

import java.util.Map;

/**
 * The one table of the operations that add rules to the generic ones ({@link OperationRules}),
 * keyed by the spec's {@code operationId}: every other operation runs with {@link
 * OperationRules#GENERIC}. {@link OperationBindings} reads it once per generated method; no call
 * site passes rules. Stateless.
 */
public final class OperationTable {
  private static final Map<String, OperationRules> RULES = Map.of(
      "checkoutCart", CheckoutRules.INSTANCE,
      "getOrderProvisioningStatus", ProvisioningStatusRules.INSTANCE);

  private OperationTable() {}

  /**
   * The rules of an operation.
   *
   * @param operationId the spec's operation ID
   * @return its rules, {@link OperationRules#GENERIC} when it has none of its own
   */
  public static OperationRules rules(String operationId) {
    return RULES.getOrDefault(operationId, OperationRules.GENERIC);
  }

  /**
   * The operation IDs that have rules of their own, for a test that each names an operation of
   * the spec.
   *
   * @return the operation IDs
   */
  public static java.util.Set<String> operationsWithRules() {
    return RULES.keySet();
  }
}
