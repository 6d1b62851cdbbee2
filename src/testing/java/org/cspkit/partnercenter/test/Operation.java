package org.cspkit.partnercenter.test;

/**
 * The operations the fake keeps state for (carts and orders), named by their {@code operationId}
 * in the OpenAPI document. Used to scope a {@link Fault} and to tell {@link ReceivedRequest
 * requests} apart. The fake answers every other operation of the document too: name those by
 * their {@code operationId} ({@link Fault#on(String)}, {@link FakePartnerCenter#requests(String)},
 * {@link ReceivedRequest#operationId()}).
 */
public enum Operation {
  /** {@code POST /v1/customers/{customer-id}/carts}. */
  CREATE_CART("createCart", "POST"),
  /** {@code GET /v1/customers/{customer-id}/carts/{cart-id}}. */
  GET_CART("getCart", "GET"),
  /** {@code PUT /v1/customers/{customer-id}/carts/{cart-id}}. */
  UPDATE_CART("updateCart", "PUT"),
  /** {@code POST /v1/customers/{customer-id}/carts/{cart-id}/checkout}. */
  CHECKOUT_CART("checkoutCart", "POST"),
  /** {@code GET /v1/customers/{customer-id}/orders/{order-id}}. */
  GET_ORDER("getOrder", "GET"),
  /** {@code GET /v1/customers/{customer-id}/orders}. */
  LIST_ORDERS("listOrders", "GET"),
  /** {@code GET /v1/customers/{customer-id}/orders/{order-id}/provisioningstatus}. */
  GET_ORDER_PROVISIONING_STATUS("getOrderProvisioningStatus", "GET");

  private final String operationId;
  private final String method;

  Operation(String operationId, String method) {
    this.operationId = operationId;
    this.method = method;
  }

  /**
   * The operation's {@code operationId} in the OpenAPI document, such as {@code checkoutCart}.
   *
   * @return the operation ID
   */
  public String operationId() {
    return operationId;
  }

  /**
   * The HTTP method of the operation, such as {@code POST}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /** The constant of this {@code operationId}, or null when none has it (or it is null). */
  static Operation of(String operationId) {
    for (Operation operation : values()) {
      if (operation.operationId.equals(operationId)) {
        return operation;
      }
    }
    return null;
  }
}
