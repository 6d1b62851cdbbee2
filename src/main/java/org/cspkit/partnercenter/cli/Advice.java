package org.cspkit.partnercenter.cli;

import org.cspkit.partnercenter.exception.SignInRequiredException;

/**
 * The command line's own words on what a failure means for the operator and what to run next,
 * in one place for every command. What the library knows is in the exception's message, which
 * every report prints first (such as {@link SignInRequiredException#advice()}, or that a call may
 * have succeeded); these lines add only what the command line knows: where it reads a
 * credential, what its next step does, and why that step cannot buy twice. The next step itself
 * is a whole command line ({@link NextStep}).
 */
final class Advice {
  private Advice() {}

  /** Why a cart change that may have succeeded bought nothing. */
  private static final String CART_IS_NOT_BOUGHT =
      "carts are bought only by a checkout, and expire after 7 days";

  /**
   * After a {@link SignInRequiredException}, whose message ends with its advice: where the
   * command line reads the refresh token to replace.
   */
  static String signInAgain() {
    return "the command line reads the refresh token from " + Credentials.REFRESH_TOKEN
        + ": set it to the new one";
  }

  /** A cart creation or replacement ({@code what}) that may have succeeded, and its next step. */
  static String cartMayHaveChanged(String what) {
    return what + " may have succeeded: nothing was bought (" + CART_IS_NOT_BOUGHT + "); the next"
        + " step repeats it with the same MS-RequestId";
  }

  /** A purchase's cart creation that may have succeeded. */
  static String purchaseCartMayHaveBeenCreated() {
    return "a cart may have been created: that is harmless, as a cart is bought only by a checkout"
        + " and expires after 7 days; nothing was bought";
  }

  /**
   * A checkout that may have succeeded: what the next step does.
   *
   * @param cartId the cart
   * @param nextStep who repeats it: "the next step", "continuing the purchase"
   * @param requestId the checkout's MS-RequestId to name, or null
   */
  static String checkoutMayHaveSucceeded(String cartId, String nextStep, String requestId) {
    return "the checkout of cart " + cartId + " may have succeeded: " + nextStep
        + " checks the same cart out with the same MS-RequestId"
        + (requestId == null ? "" : " " + requestId)
        + ", which returns its orders if it did and cannot buy twice";
  }

  /** A purchase's checkout that failed with a server error: continuing it is safe. */
  static String purchaseCheckoutFailed(String cartId) {
    return "the checkout of cart " + cartId + " failed; continuing the purchase checks the same"
        + " cart out with the same MS-RequestId, which cannot buy twice";
  }

  /** A purchase whose checkout succeeded but could not be recorded. */
  static String checkoutNotRecorded(String why) {
    return "the journal could not record the checkout (" + why + "); continuing the purchase"
        + " checks the same cart out with the same MS-RequestId, which does not buy again";
  }

  /** A cart with line-item errors, seen by {@code cart}: what to run to fix it. */
  static String fixLineItems(int errors, String cartId) {
    return "warning: " + errors + " line item(s) of cart " + cartId + " have errors: checking it"
        + " out would fail (800009); fix them with 'cart update'";
  }

  /** A purchase's cart with line-item errors: what to run to fix it before continuing. */
  static String fixLineItemsThenContinue(String customerId, String cartId) {
    return "fix them with '"
        + NextStep.command(java.util.List.of(
            "cart", "update", IdOptions.Customer.OPTION, customerId, IdOptions.Cart.OPTION, cartId))
        + "' and the corrected --item or --file, then continue the purchase";
  }

  /** An order still pending at the end of {@code order status --wait}, before the next step. */
  static String stillPending(String orderId) {
    return "warning: order " + orderId + " still has line items pending at the wait timeout; to"
        + " wait again:";
  }

  /** A purchase's orders still pending, before the next step. */
  static String purchaseStillPending() {
    return "provisioning is still pending; to wait for it (nothing is bought again):";
  }

  /** The command that lists a customer's orders, such as those of a cart checked out earlier. */
  static String listOrders(String customerId) {
    return NextStep.command(
        java.util.List.of("order", "list", IdOptions.Customer.OPTION, customerId));
  }
}
