package org.cspkit.partnercenter;

import java.util.UUID;
import org.cspkit.partnercenter.internal.Arguments;
import org.cspkit.partnercenter.internal.CartValidation;
import org.cspkit.partnercenter.model.Cart;

/**
 * The checks the client makes of a call's arguments before anything is sent, for a tool that
 * wants to refuse a bad value before it builds a client or a request: the same checks, with the
 * same messages, as the operations of {@link CartsService} and {@link OrdersService} make.
 *
 * <p>Each failure is an {@link IllegalArgumentException} whose message starts with the name
 * given (or the field's path) and quotes the bad value, such as {@code customerId must be a GUID
 * such as d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d, got 'abc'}; a lone surrogate in the value is
 * quoted as a Java escape (<code>&#92;uD800</code>).
 *
 * <p>Sources: Partner Center pages "Create a cart" and "Update a cart" (the line items), and the
 * OpenAPI document {@code openapi/partner-center-purchase.yaml} (the customer and cart IDs are
 * GUIDs, an order ID is not always one).
 *
 * <p>Thread safety: stateless; every method may be called from any thread.
 */
public final class RequestChecks {
  private RequestChecks() {}

  /**
   * Accepts a GUID, such as a customer ID (the customer's Microsoft ID, its tenant ID) or a cart
   * ID, in its 36-character form: 8-4-4-4-12 hexadecimal digits, in any case.
   *
   * @param value the value
   * @param name the argument's name, to start the message with, such as {@code customerId}
   * @return the GUID
   * @throws IllegalArgumentException if the value is null, not a GUID in that form, or has a lone
   *     surrogate
   */
  public static UUID requireGuid(String value, String name) {
    return Arguments.requireGuid(value, name);
  }

  /**
   * Accepts an opaque ID, such as an order ID (not always a GUID): not empty, one URL path segment
   * that names itself.
   *
   * @param value the value
   * @param name the argument's name, to start the message with, such as {@code orderId}
   * @return the value, unchanged
   * @throws IllegalArgumentException if the value is null or empty, is {@code .} or {@code ..},
   *     or contains {@code /}, {@code ?}, {@code #}, a space or control character, or a lone
   *     surrogate
   */
  public static String requireId(String value, String name) {
    return Arguments.requireId(value, name);
  }

  /**
   * Accepts a cart to create or to replace another's line items with: at least one line item;
   * add-on items one level deep; on each line item and add-on item a catalog item ID, a quantity
   * of at least 1, a billing cycle other than {@code unknown}, and an ISO-8601 term duration
   * when one is given; every text of its JSON well-formed UTF-16. Everything else is Partner
   * Center's to judge.
   *
   * @param cart the cart
   * @return the same cart
   * @throws IllegalArgumentException if the cart is null or fails a check; the message names the
   *     field by its path, such as {@code cart.lineItems[1].quantity}
   */
  public static Cart requireValidCart(Cart cart) {
    return CartValidation.requireValid(cart);
  }
}
