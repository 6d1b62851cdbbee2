package org.cspkit.partnercenter;

import java.util.List;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.Arguments;
import org.cspkit.partnercenter.internal.CartValidation;
import org.cspkit.partnercenter.internal.OperationCall;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.generated.CartsApi;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;

/**
 * The cart operations of {@link PartnerCenterClient#carts()}: create, read, replace and check out
 * a customer's cart. Every operation has the forms of the {@linkplain org.cspkit.partnercenter
 * package documentation}: {@code x(required)} and {@code xAsync(required)}; with every argument
 * {@code x}, {@code xAsync}, {@code xWithResponse} and {@code xWithResponseAsync}; and {@code
 * previewX} for create, update and checkout, which change something. What every operation does
 * (argument checks, retries, interrupts, cancellation, {@code close()}) is written there once;
 * each operation's own contract (its request, its Partner Center page, every exception with its
 * status) is on its blocking full form, and the other forms link to it. Thread-safe.
 */
public final class CartsService extends CartForms {
  private final CartsApi api;

  CartsService(Pipeline pipeline) {
    this.api = pipeline.api(CartsApi.class);
  }

  /**
   * Creates a cart: {@code POST /v1/customers/{customer-id}/carts} (Partner Center page "Create a
   * cart"), with a new {@code MS-RequestId} unless {@code options} sets one. Carts expire 7 days
   * after creation; there is no delete. Checked before anything is sent: at least one line item;
   * on each line item (and add-on item) a catalog item ID, a quantity of at least 1, a billing
   * cycle, an ISO-8601 term duration when given; no lone surrogate in any text.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy; build it with {@link Cart#builder()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the created cart (201), with its ID, order groups and any line-item errors (see
   *     {@link Cart#lineItemsWithErrors()}): a cart with line-item errors is still created
   * @throws IllegalArgumentException if the customer ID is not a GUID or the cart fails a check,
   *     naming the field (such as {@code cart.lineItems[0].quantity}); nothing is sent
   * @throws BadRequestException on 400
   * @throws AuthenticationException on 401, or when the token source fails (nothing is sent)
   * @throws ForbiddenException on 403
   * @throws NotFoundException on 404
   * @throws ThrottledException on 429, with {@code Retry-After}, after the retries
   * @throws ServerErrorException on 5xx, after the retries
   * @throws UndecodableResponseException when the 201 body is not the JSON the spec describes
   * @throws TransportException when no complete response arrives; {@link
   *     PartnerCenterException#mayHaveSucceeded()} says whether a cart may have been created
   * @throws OutcomeUnknownException on a 2xx other than 201
   * @throws PartnerCenterException on any other status, a 3xx included
   * @throws IllegalStateException if the client is closed
   */
  public Cart create(String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).run().value();
  }

  /**
   * Reads a cart: {@code GET /v1/customers/{customer-id}/carts/{cart-id}} (Partner Center REST
   * reference "Get a cart by ID").
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the cart (200), with its status ({@code Active} or {@code Ordered}) and expiry
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws NotFoundException on 404 (800008, no such cart for this customer)
   * @throws UndecodableResponseException on a 2xx other than 200, or a body that is not the JSON
   *     the spec describes
   * @throws PartnerCenterException on any other failure, by status as for {@link #create(String,
   *     Cart, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public Cart get(String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).run().value();
  }

  /**
   * Replaces a cart's line items: {@code PUT /v1/customers/{customer-id}/carts/{cart-id}}
   * (Partner Center page "Update a cart"), with a new {@code MS-RequestId} unless {@code options}
   * sets one. The body replaces the whole cart: read it with {@link #get(String, String)}, change
   * it with {@code toBuilder()}, and send it back. Updates do not extend the cart's 7-day expiry.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items, checked as {@link #create(String, Cart,
   *     RequestOptions)} checks them
   * @param options the request ID, correlation ID and retry options of this call
   * @return the updated cart (201, or 200)
   * @throws IllegalArgumentException if an ID is not a GUID, the cart fails a check, or its ID is
   *     set and not {@code cartId}; nothing is sent
   * @throws NotFoundException on 404 (800008, no such cart)
   * @throws OutcomeUnknownException on a 2xx other than 200 and 201
   * @throws PartnerCenterException on any other failure, by status as for {@link #create(String,
   *     Cart, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public Cart update(String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).run().value();
  }

  /**
   * The line items (and add-on items) of a cart that carry an error; the same as {@link
   * Cart#lineItemsWithErrors() cart.lineItemsWithErrors()}, which this calls.
   *
   * @param cart a cart returned by Partner Center
   * @return the line items whose {@code error()} is set, in order, add-on items after their base
   *     line; empty when there is none
   */
  public static List<CartLineItem> lineItemsWithErrors(Cart cart) {
    return cart.lineItemsWithErrors();
  }

  /**
   * Checks out a cart: {@code POST /v1/customers/{customer-id}/carts/{cart-id}/checkout} (Partner
   * Center page "Checkout an order for a customer in a cart"), with a new {@code MS-RequestId}
   * unless {@code options} sets one. Besides the retryable failures of {@link RetryOptions}, a 409
   * with 800064 or 800060 is retried. The whole call, waiting for a token and decoding included,
   * ends by the retry deadline. A 200 or 201 returns the result, which may still list failed order
   * groups in {@code orderErrors()}.
   *
   * @param customerId the customer's tenant ID, a GUID such as {@code
   *     d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d}
   * @param cartId the cart ID returned when the cart was created, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws BadRequestException on 400 (such as 800065, already submitted, or 800009, cart line
   *     item errors)
   * @throws AuthenticationException on 401, or when the token source fails (nothing is sent)
   * @throws ForbiddenException on 403
   * @throws NotFoundException on 404 (such as 800008, cart not found)
   * @throws ConflictException on 409 (such as 800064), after the retries
   * @throws ThrottledException on 429, with {@code Retry-After}, after the retries
   * @throws ServerErrorException on 5xx, after the retries
   * @throws UndecodableResponseException when a 200 or 201 body is not the JSON the spec
   *     describes, or is larger than {@link PartnerCenterClientBuilder#maxResponseBodySize}
   * @throws TransportException when no complete response arrives (connection failure, timeout,
   *     interrupt)
   * @throws OutcomeUnknownException on 800065 after an attempt that may have created the orders,
   *     or on a 2xx other than 200 and 201
   * @throws PartnerCenterException on any other status, a 3xx included
   * @throws IllegalStateException if the client is closed
   */
  public CartCheckoutResult checkout(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).run().value();
  }

  @Override
  OperationCall<Cart> createCall(String customerId, Cart cart, RequestOptions options) {
    return api.createCart(
        Arguments.requireGuid(customerId, "customerId"),
        CartValidation.requireValid(cart),
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<Cart> getCall(String customerId, String cartId, RequestOptions options) {
    return api.getCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<Cart> updateCall(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return api.updateCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        CartValidation.requireValid(cart, cartId),
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<CartCheckoutResult> checkoutCall(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return api.checkoutCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Arguments.requireParams(params).customerUserUpn().orElse(null),
        Arguments.requireOptions(options));
  }
}
