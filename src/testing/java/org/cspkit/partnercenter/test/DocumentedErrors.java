package org.cspkit.partnercenter.test;

import java.util.Map;

/**
 * What the OpenAPI document (and the Partner Center error-code table it cites) says about error
 * codes: the answer of each code it gives an example of, for {@link Fault#errorCode(int)}, and the
 * meaning of each cart line item error code it lists, for {@link Fault#lineItemError(int, int)}.
 */
final class DocumentedErrors {
  private DocumentedErrors() {}

  /**
   * A documented error answer.
   *
   * @param status the HTTP status
   * @param description the description, as in the document's example
   * @param operation the operation it belongs to, or {@code null} when it applies to any
   */
  record Answer(int status, String description, Operation operation) {
    /** The {@code operationId} of the operation it belongs to, or {@code null}. */
    String operationId() {
      return operation == null ? null : operation.operationId();
    }
  }

  /**
   * The codes of the document's error examples (and of its {@code orderErrors} example, 800020,
   * whose status is the error-code table's), by code.
   */
  static final Map<Integer, Answer> CODES = Map.ofEntries(
      Map.entry(
          800065,
          new Answer(400, "Cannot checkout an already submitted cart.", Operation.CHECKOUT_CART)),
      Map.entry(
          800009,
          new Answer(
              400,
              "Error in cart item(s). Check the error on each cart line item.",
              Operation.CHECKOUT_CART)),
      Map.entry(
          800064,
          new Answer(409, "Cart is being processed by another request.", Operation.CHECKOUT_CART)),
      Map.entry(
          800005, new Answer(500, "Create order was not successful.", Operation.CHECKOUT_CART)),
      Map.entry(
          800020,
          new Answer(
              403, "The catalog item is not eligible for purchase.", Operation.CHECKOUT_CART)),
      Map.entry(20000, new Answer(404, "Order ID not found.", Operation.GET_ORDER)),
      Map.entry(
          800007,
          new Answer(
              404,
              "Unable to retrieve provisioning information.",
              Operation.GET_ORDER_PROVISIONING_STATUS)),
      Map.entry(
          900329,
          new Answer(
              403,
              "This resource does not support application-only authentication.",
              Operation.GET_ORDER_PROVISIONING_STATUS)),
      Map.entry(800008, new Answer(404, "Unable to retrieve cart ID.", null)),
      Map.entry(800002, new Answer(400, "Invalid request input.", null)),
      Map.entry(2000, new Answer(400, "Tenant Id must be a GUID.", null)),
      Map.entry(800001, new Answer(401, "Partner token is missing in the request context.", null)),
      Map.entry(
          20002,
          new Answer(
              403, "Partner does not have a commerce relationship with the customer.", null)),
      Map.entry(60003, new Answer(404, "Tenant not found.", null)),
      Map.entry(800003, new Answer(500, "Unexpected service error.", null)));

  /**
   * The meaning of the cart line item error codes ({@code CartError.errorCode}) the document
   * lists: the documented {@code CartErrorCode} values, those the .NET SDK adds, and 400039.
   */
  static final Map<Integer, String> LINE_ITEM_ERRORS = Map.ofEntries(
      Map.entry(0, "Unknown error."),
      Map.entry(10000, "The currency is not supported."),
      Map.entry(10001, "The catalog item ID is not valid."),
      Map.entry(10002, "The quota is not available."),
      Map.entry(10003, "The inventory is not available."),
      Map.entry(10004, "Participants are not supported for the partner."),
      Map.entry(10006, "Unable to process the cart line item."),
      Map.entry(10007, "The subscription is not valid."),
      Map.entry(10008, "The subscription is not enabled for reservations."),
      Map.entry(10009, "The sandbox limit is exceeded."),
      Map.entry(10010, "Invalid input."),
      Map.entry(10011, "The subscription is not registered."),
      Map.entry(10012, "The attestation was not accepted."),
      Map.entry(10013, "The billing plan is not supported."),
      Map.entry(10014, "The promotion ID is not valid."),
      Map.entry(10015, "The seats per subscription are exceeded."),
      Map.entry(10016, "The product does not support a custom term end date."),
      Map.entry(10017, "The custom term end date is not valid."),
      Map.entry(10018, "The base offer's seat quantity is not met."),
      Map.entry(10019, "The minimum add-on seats are not met."),
      Map.entry(500600, "The legacy offer is not eligible for purchase."),
      Map.entry(400039, "The availability does not support the term."));

  /** The description of a line item error code the document does not list. */
  static final String UNLISTED_LINE_ITEM_ERROR = "The line item cannot be bought as it is.";
}
