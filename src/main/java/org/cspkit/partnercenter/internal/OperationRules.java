package org.cspkit.partnercenter.internal;

import org.cspkit.partnercenter.exception.PartnerCenterException;

/**
 * What one operation adds to the generic retry classification of {@link AttemptClassifier}, which
 * judges every attempt by its HTTP method: a GET is safe to repeat and never "may have happened";
 * a POST or PUT is repeated with the same {@code MS-RequestId}, and an attempt sent without an
 * answer may have taken effect. The rules of an operation are declared once, in {@link
 * OperationTable}; {@link #GENERIC} adds nothing. Implementations are stateless and thread-safe.
 */
public class OperationRules {
  /** The generic rules alone. */
  public static final OperationRules GENERIC = new OperationRules();

  /** Subclasses add rules. */
  protected OperationRules() {}

  /**
   * Whether a failure the generic rules do not retry is retried for this operation.
   *
   * @param failure the attempt's failure, with a status
   * @return true to retry it with the same request
   */
  protected boolean alsoRetried(PartnerCenterException failure) {
    return false;
  }

  /**
   * The exception that ends the call in place of the attempt's own failure, or null to keep it.
   *
   * @param failure the attempt's failure
   * @param earlierMayHaveSucceeded whether an earlier attempt of the call may have taken effect
   * @param call what the exception needs to name the call
   * @return the replacement, or null
   */
  protected PartnerCenterException replace(
      PartnerCenterException failure, boolean earlierMayHaveSucceeded, CallInfo call) {
    return null;
  }

  /**
   * What to do when this operation's outcome is unknown, for exception messages.
   *
   * @param call the call
   * @return advice such as "read the customer's orders before buying again"
   */
  protected String unknownOutcomeAdvice(CallInfo call) {
    return "read the resource, or repeat the call with the same MS-RequestId, before sending it"
        + " again";
  }

  /**
   * The facts of one call that exceptions name.
   *
   * @param operationId the spec's operation ID, such as {@code createCart}
   * @param method the HTTP method
   * @param path the request's path, such as {@code /v1/customers/…/carts}
   * @param parameterValues the call's path and query parameter values by their names in the spec,
   *     such as {@code customer-id}, from the invocation's arguments when first asked for
   * @param requestId the call's {@code MS-RequestId}
   * @param correlationId the call's {@code MS-CorrelationId}
   */
  public record CallInfo(
      String operationId,
      String method,
      String path,
      java.util.function.Supplier<java.util.Map<String, String>> parameterValues,
      String requestId,
      String correlationId) {
    /**
     * The call's path and query parameter values by their names in the spec.
     *
     * @return the values, such as {@code cart-id} to the cart ID
     */
    public java.util.Map<String, String> parameters() {
      return parameterValues.get();
    }

    /**
     * The customer ID of the call.
     *
     * @return the {@code customer-id} path parameter, or null when the operation has none
     */
    public String customerId() {
      return parameters().get("customer-id");
    }
  }
}
