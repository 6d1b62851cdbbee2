package org.cspkit.partnercenter.exception;

/**
 * The checkout may well have created the orders, but the client cannot confirm it: Partner Center
 * answered 400 with 800065 ("cannot check out an already submitted cart") after an earlier attempt
 * of the same checkout got no answer, or it answered with a success status the API does not
 * document (such as 202) instead of 200 or 201. Do not treat this as a failure, and do not buy
 * again; read the customer's orders (Partner Center "Get orders") to find out. {@link
 * #mayHaveSucceeded()} is always true.
 */
public class OutcomeUnknownException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /** The customer ID of the checkout. */
  private final String customerId;

  /** The cart ID of the checkout. */
  private final String cartId;

  /**
   * Creates the exception.
   *
   * @param customerId the customer ID of the checkout
   * @param cartId the cart ID of the checkout
   * @param details the 800065 response's status, error body and request IDs
   */
  public OutcomeUnknownException(String customerId, String cartId, ErrorDetails details) {
    super("Cart " + cartId + " of customer " + customerId + " was already submitted (800065)"
        + " after an earlier attempt got no answer: the checkout may have succeeded; read the"
        + " customer's orders before buying again", details, null);
    this.customerId = customerId;
    this.cartId = cartId;
  }

  /**
   * Creates the exception for another answer whose outcome the client cannot confirm.
   *
   * @param customerId the customer ID of the checkout
   * @param cartId the cart ID of the checkout
   * @param details the response's status and request IDs
   * @param summary what came back, without secrets
   */
  public OutcomeUnknownException(String customerId, String cartId, ErrorDetails details,
      String summary) {
    super(summary + ": the checkout may have succeeded; read the orders of customer " + customerId
        + " (cart " + cartId + ") before buying again", details, null);
    this.customerId = customerId;
    this.cartId = cartId;
  }

  /**
   * The customer whose orders to read.
   *
   * @return the customer ID
   */
  public String customerId() {
    return customerId;
  }

  /**
   * The cart that may have been checked out.
   *
   * @return the cart ID
   */
  public String cartId() {
    return cartId;
  }

  /** Always true. */
  @Override
  public boolean mayHaveSucceeded() {
    return true;
  }
}
