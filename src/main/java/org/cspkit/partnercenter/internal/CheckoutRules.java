package org.cspkit.partnercenter.internal;

import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;

/**
 * Checkout's own rules on top of the generic ones for a POST (Partner Center page "Checkout an
 * order for a customer in a cart" and its error codes): 409 with 800064 (the cart is being
 * processed by another request) or 800060 (an order is in progress) is retried; 400 with 800065
 * (the cart was already submitted) after an attempt that may have created the orders ends in an
 * {@link OutcomeUnknownException}, not a failure. Stateless.
 */
public final class CheckoutRules extends OperationRules {
  /** The one instance. */
  public static final CheckoutRules INSTANCE = new CheckoutRules();

  private CheckoutRules() {}

  @Override
  protected boolean alsoRetried(PartnerCenterException failure) {
    int code = failure.errorCode().orElse(0);
    return failure instanceof ConflictException && (code == 800064 || code == 800060);
  }

  @Override
  protected PartnerCenterException replace(
      PartnerCenterException failure, boolean earlierMayHaveSucceeded, CallInfo call) {
    if (earlierMayHaveSucceeded
        && failure.statusCode() == 400
        && failure.errorCode().orElse(0) == 800065) {
      return new OutcomeUnknownException(
          call.operationId(),
          call.customerId(),
          call.path(),
          failure.details(),
          "Cart " + call.parameters().get("cart-id") + " was already submitted (800065)"
              + " after an earlier attempt got no answer",
          unknownOutcomeAdvice(call));
    }
    return null;
  }

  @Override
  protected String unknownOutcomeAdvice(CallInfo call) {
    return "the checkout may have created the orders: read the orders of customer "
        + call.customerId() + " before buying again";
  }
}
