package org.cspkit.partnercenter.exception;

/**
 * The call may well have taken effect, but the client cannot confirm it. Thrown when a POST or
 * PUT is answered with a success status the spec does not document for it (such as 202), and for
 * checkout when Partner Center answers 400 with 800065 ("cannot check out an already submitted
 * cart") after an earlier attempt of the same checkout got no answer. Do not treat it as a
 * failure and do not send the call again blindly: read the resource (for a checkout, the
 * customer's orders) or repeat the call with the same {@code MS-RequestId}. {@link
 * #mayHaveSucceeded()} is always true.
 */
public class OutcomeUnknownException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /** The spec's operation ID. */
  private final String operationId;

  /** The customer ID of the call. */
  private final String customerId;

  /** The request's path. */
  private final String path;

  /**
   * Creates the exception.
   *
   * @param operationId the spec's operation ID, such as {@code checkoutCart}
   * @param customerId the customer ID of the call
   * @param path the request's path, such as {@code /v1/customers/…/carts/…/checkout}
   * @param details the response's status, error body and request IDs
   * @param summary what came back, without secrets
   * @param advice what to do, such as "read the customer's orders before buying again"
   */
  public OutcomeUnknownException(
      String operationId,
      String customerId,
      String path,
      ErrorDetails details,
      String summary,
      String advice) {
    super(summary + ": " + operationId + " may have succeeded; " + advice, details, null);
    this.operationId = operationId;
    this.customerId = customerId;
    this.path = path;
  }

  /**
   * The operation whose outcome is unknown.
   *
   * @return the spec's operation ID, such as {@code createCart} or {@code checkoutCart}
   */
  public String operationId() {
    return operationId;
  }

  /**
   * The customer the call was for.
   *
   * @return the customer ID
   */
  public String customerId() {
    return customerId;
  }

  /**
   * The request's path, which names the resource (the cart of a checkout).
   *
   * @return the path, such as {@code /v1/customers/…/carts/…/checkout}
   */
  public String path() {
    return path;
  }

  /** Always true. */
  @Override
  public boolean mayHaveSucceeded() {
    return true;
  }
}
