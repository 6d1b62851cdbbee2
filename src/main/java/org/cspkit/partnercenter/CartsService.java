package org.cspkit.partnercenter;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import org.cspkit.partnercenter.exception.PartnerCenterException;
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
 * a customer's cart. Each operation has a blocking form, an {@code …Async} form on the client's
 * threads, and for those that change something a {@code preview…} form for dry runs. Thread-safe; every method runs
 * through the client's one pipeline (token cache, standard headers, retries, error mapping), and
 * checks its arguments before anything is sent ({@link IllegalArgumentException}, which names a
 * null one). A GET answered with a 2xx other than 200 is an {@code UndecodableResponseException}.
 *
 * <p>Each operation also has a {@code …WithResponse} form, blocking and {@code …Async}, that
 * returns the result as a {@link PartnerCenterResponse}: with the status, the headers, the request
 * IDs, the {@code MS-CV} and every attempt. The plain form returns its {@code value()}.
 */
public final class CartsService {
  private final CartsApi api;

  CartsService(Pipeline pipeline) {
    this.api = pipeline.api(CartsApi.class);
  }

  /**
   * Creates a cart: {@code POST /v1/customers/{customer-id}/carts} (Partner Center page "Create a
   * cart"), with a new {@code MS-RequestId}. Carts expire 7 days after creation; there is no
   * delete.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy; build it with {@link Cart#builder()}
   * @return the created cart, with its ID, order groups and any line-item errors (see {@link
   *     #lineItemsWithErrors(Cart)}): a cart with line-item errors is still created
   * @throws IllegalArgumentException if the customer ID is not a GUID or the cart fails the checks
   *     of {@link #create(String, Cart, RequestOptions)}; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #create(String, Cart,
   *     RequestOptions)}
   */
  public Cart create(String customerId, Cart cart) {
    return create(customerId, cart, RequestOptions.defaults());
  }

  /**
   * Creates a cart on the calling thread. Checked before anything is sent: at least one line item;
   * on each line item (and add-on item, which has none of its own) a catalog item ID, a quantity
   * of at least 1, a billing cycle, an ISO-8601 term duration when given; no lone surrogate in any
   * text. Retryable failures (no response, 408, 429, 500, 502, 503, 504) are retried with the same
   * {@code MS-RequestId}, Partner Center's idempotency key, within the retry deadline.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   * @return the created cart (201), line-item errors included
   * @throws IllegalArgumentException if the customer ID is not a GUID or the cart fails a check,
   *     naming the field (such as {@code cart.lineItems[0].quantity}); nothing is sent
   * @throws org.cspkit.partnercenter.exception.BadRequestException on 400
   * @throws org.cspkit.partnercenter.exception.AuthenticationException on 401, or when the token
   *     source fails (nothing is sent)
   * @throws org.cspkit.partnercenter.exception.ForbiddenException on 403
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404
   * @throws org.cspkit.partnercenter.exception.ThrottledException on 429, with {@code Retry-After}
   * @throws org.cspkit.partnercenter.exception.ServerErrorException on 5xx
   * @throws org.cspkit.partnercenter.exception.UndecodableResponseException when the 201 body is
   *     not the JSON the spec describes
   * @throws org.cspkit.partnercenter.exception.TransportException when no complete response
   *     arrives; {@link PartnerCenterException#mayHaveSucceeded()} says whether a cart may have
   *     been created
   * @throws org.cspkit.partnercenter.exception.OutcomeUnknownException on a 2xx other than 201
   * @throws IllegalStateException if the client is closed
   */
  public Cart create(String customerId, Cart cart, RequestOptions options) {
    return createWithResponse(customerId, cart, options).value();
  }

  /**
   * Creates a cart without blocking, as {@link #checkoutAsync(String, String, CheckoutParams,
   * RequestOptions)} runs a checkout: on the client's threads, cancellable.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart, or with the exception {@link #create(String, Cart,
   *     RequestOptions)} would throw
   * @throws IllegalArgumentException if the customer ID or the cart is invalid (thrown at once;
   *     nothing is sent)
   */
  public CompletableFuture<Cart> createAsync(String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).start();
  }

  /**
   * Creates a cart as {@link #create(String, Cart, RequestOptions)} does, on the calling thread,
   * and returns it with its response: the status (201), the headers, the {@code MS-RequestId}
   * and {@code MS-CorrelationId} sent, the {@code MS-CV} and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   * @return the created cart and its response
   * @throws IllegalArgumentException as for {@link #create(String, Cart, RequestOptions)};
   *     nothing is sent
   * @throws PartnerCenterException as for {@link #create(String, Cart, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<Cart> createWithResponse(
      String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).run();
  }

  /**
   * Creates a cart without blocking, as {@link #createAsync(String, Cart, RequestOptions)} does,
   * and completes with the cart and its response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart and its response, or with the exception {@link
   *     #create(String, Cart, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if the customer ID or the cart is invalid (thrown at once;
   *     nothing is sent)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> createWithResponseAsync(
      String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).startWithResponse();
  }

  /**
   * The request {@link #create(String, Cart, RequestOptions)} would send, body included, with the
   * token masked; nothing is sent and no token is asked for.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID and correlation ID to send (new ones unless given)
   * @return the request
   * @throws IllegalArgumentException if the customer ID or the cart is invalid
   */
  public Request previewCreate(String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).preview();
  }

  /**
   * Reads a cart: {@code GET /v1/customers/{customer-id}/carts/{cart-id}} (Partner Center REST
   * reference "Get a cart by ID").
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @return the cart, with its status ({@code Active} or {@code Ordered}) and expiry
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #get(String, String,
   *     RequestOptions)}
   */
  public Cart get(String customerId, String cartId) {
    return get(customerId, cartId, RequestOptions.defaults());
  }

  /**
   * Reads a cart on the calling thread. A GET is safe to repeat: retryable failures (no response,
   * 408, 429, 500, 502, 503, 504) are retried within the retry deadline.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the cart
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (800008, no such cart for
   *     this customer)
   * @throws PartnerCenterException on any other failure, by status as for {@link #create(String,
   *     Cart, RequestOptions)} (but a 2xx other than 200 is undecodable)
   * @throws IllegalStateException if the client is closed
   */
  public Cart get(String customerId, String cartId, RequestOptions options) {
    return getWithResponse(customerId, cartId, options).value();
  }

  /**
   * Reads a cart without blocking.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart, or with the exception {@link #get(String, String,
   *     RequestOptions)} would throw
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once)
   */
  public CompletableFuture<Cart> getAsync(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).start();
  }

  /**
   * Reads a cart as {@link #get(String, String, RequestOptions)} does, on the calling thread, and
   * returns it with its response: the status (200), the headers, the {@code MS-RequestId} and
   * {@code MS-CorrelationId} sent, the {@code MS-CV} and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the cart and its response
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException as for {@link #get(String, String, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<Cart> getWithResponse(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).run();
  }

  /**
   * Reads a cart without blocking, as {@link #getAsync(String, String, RequestOptions)} does, and
   * completes with the cart and its response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart and its response, or with the exception {@link
   *     #get(String, String, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> getWithResponseAsync(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).startWithResponse();
  }

  /**
   * Replaces a cart's line items: {@code PUT /v1/customers/{customer-id}/carts/{cart-id}}
   * (Partner Center page "Update a cart"), with a new {@code MS-RequestId}. The body replaces the
   * whole cart: read it with {@link #get(String, String)}, change it with {@code toBuilder()}, and
   * send it back. Updates do not extend the cart's 7-day expiry.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @return the updated cart (201, or 200)
   * @throws IllegalArgumentException if an ID is not a GUID or the cart fails the checks of
   *     {@link #create(String, Cart, RequestOptions)}; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #update(String, String, Cart,
   *     RequestOptions)}
   */
  public Cart update(String customerId, String cartId, Cart cart) {
    return update(customerId, cartId, cart, RequestOptions.defaults());
  }

  /**
   * Replaces a cart's line items on the calling thread, retried as {@link #create(String, Cart,
   * RequestOptions)} is: with the same {@code MS-RequestId}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   * @return the updated cart
   * @throws IllegalArgumentException if an ID is not a GUID, the cart fails a check, or its ID is
   *     set and not {@code cartId}; nothing is sent
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (800008, no such cart)
   * @throws org.cspkit.partnercenter.exception.OutcomeUnknownException on a 2xx other than 200
   *     and 201
   * @throws PartnerCenterException on any other failure, by status as for {@link #create(String,
   *     Cart, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public Cart update(String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateWithResponse(customerId, cartId, cart, options).value();
  }

  /**
   * Replaces a cart's line items without blocking.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart, or with the exception {@link #update(String, String,
   *     Cart, RequestOptions)} would throw
   * @throws IllegalArgumentException if an ID or the cart is invalid (thrown at once)
   */
  public CompletableFuture<Cart> updateAsync(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).start();
  }

  /**
   * Replaces a cart's line items as {@link #update(String, String, Cart, RequestOptions)} does, on
   * the calling thread, and returns the cart with its response: the status (201, or 200), the
   * headers, the {@code MS-RequestId} and {@code MS-CorrelationId} sent, the {@code MS-CV} and
   * every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   * @return the updated cart and its response
   * @throws IllegalArgumentException if an ID is not a GUID or the cart fails a check; nothing is
   *     sent
   * @throws PartnerCenterException as for {@link #update(String, String, Cart, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<Cart> updateWithResponse(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).run();
  }

  /**
   * Replaces a cart's line items without blocking, as {@link #updateAsync(String, String, Cart,
   * RequestOptions)} does, and completes with the cart and its response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the cart and its response, or with the exception {@link
   *     #update(String, String, Cart, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if an ID or the cart is invalid (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> updateWithResponseAsync(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).startWithResponse();
  }

  /**
   * The request {@link #update(String, String, Cart, RequestOptions)} would send, body included,
   * with the token masked; nothing is sent and no token is asked for.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID and correlation ID to send (new ones unless given)
   * @return the request
   * @throws IllegalArgumentException if an ID or the cart is invalid
   */
  public Request previewUpdate(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).preview();
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
   * Center page "Checkout an order for a customer in a cart"), with a new {@code MS-RequestId}.
   *
   * @param customerId the customer's tenant ID, a GUID such as {@code
   *     d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d}
   * @param cartId the cart ID returned when the cart was created, a GUID
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #checkout(String, String,
   *     CheckoutParams, RequestOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId) {
    return checkout(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults());
  }

  /**
   * Checks out a cart with the given request options and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #checkout(String, String,
   *     CheckoutParams, RequestOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId, RequestOptions options) {
    return checkout(customerId, cartId, CheckoutParams.none(), options);
  }

  /**
   * Checks out a cart on the calling thread, which is blocked until the checkout succeeds, fails
   * for good, runs out of attempts or reaches the retry deadline. Retryable failures (no
   * response, 408, 429, 500, 502, 503, 504, 409 with 800064 or 800060) are retried with the same
   * {@code MS-RequestId} (see {@link RetryOptions}); the thread sleeps between attempts. The whole
   * call, waiting for a token and decoding included, ends by the retry deadline. Interrupting the
   * thread cancels the attempt in flight (within about 10 ms) or ends the wait, stops every retry
   * still to come, and throws a {@link org.cspkit.partnercenter.exception.TransportException} with
   * the interrupt flag kept.
   *
   * <p>A 200 or 201 returns the result, which may still list failed order groups in {@code
   * orderErrors()}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws org.cspkit.partnercenter.exception.BadRequestException on 400 (such as 800065,
   *     already submitted, or 800009, cart line item errors)
   * @throws org.cspkit.partnercenter.exception.AuthenticationException on 401, or when the token
   *     source fails (nothing is sent)
   * @throws org.cspkit.partnercenter.exception.ForbiddenException on 403
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (such as 800008, cart not
   *     found)
   * @throws org.cspkit.partnercenter.exception.ConflictException on 409 (such as 800064)
   * @throws org.cspkit.partnercenter.exception.ThrottledException on 429, with {@code Retry-After}
   * @throws org.cspkit.partnercenter.exception.ServerErrorException on 5xx
   * @throws org.cspkit.partnercenter.exception.UndecodableResponseException when a 200 or 201 body
   *     is not the JSON the spec describes, or is larger than {@link
   *     PartnerCenterClientBuilder#maxResponseBodySize}
   * @throws org.cspkit.partnercenter.exception.TransportException when no complete response
   *     arrives (connection failure, timeout, interrupt)
   * @throws org.cspkit.partnercenter.exception.OutcomeUnknownException on 800065 after an attempt
   *     that may have created the orders, or on a 2xx other than 200 and 201
   * @throws PartnerCenterException on any other status, a 3xx included (redirects are never
   *     followed)
   * @throws IllegalStateException if the client is closed
   */
  public CartCheckoutResult checkout(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutWithResponse(customerId, cartId, params, options).value();
  }

  /**
   * Checks out a cart without blocking, with a new {@code MS-RequestId} and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @return a future as described in {@link #checkoutAsync(String, String, CheckoutParams,
   *     RequestOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId) {
    return checkoutAsync(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults());
  }

  /**
   * Checks out a cart without blocking, with the given request options and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future as described in {@link #checkoutAsync(String, String, CheckoutParams,
   *     RequestOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(
      String customerId, String cartId, RequestOptions options) {
    return checkoutAsync(customerId, cartId, CheckoutParams.none(), options);
  }

  /**
   * Checks out a cart without blocking. Attempts run on the client's own daemon threads, at most
   * {@link PartnerCenterClientBuilder#maxAsyncConcurrency} at once across the client (more wait in
   * a queue, their deadline running), and retries are scheduled by Failsafe; the future completes
   * on one of those threads (as does any dependent stage that is not {@code *Async}). Cancelling
   * the future stops the checkout: once {@code cancel} returns, no attempt starts and no request
   * byte is written, and the future holds a {@link
   * org.cspkit.partnercenter.exception.CallCancelledException} that says whether an attempt may
   * have reached Partner Center.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the result, or exceptionally with the {@link
   *     PartnerCenterException} that {@link #checkout(String, String, CheckoutParams,
   *     RequestOptions)} would throw
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once; nothing is sent)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).start();
  }

  /**
   * Checks out a cart as {@link #checkout(String, String, CheckoutParams, RequestOptions)} does,
   * on the calling thread, and returns the result with its response: the status (201, or 200),
   * the headers, the {@code MS-RequestId} and {@code MS-CorrelationId} sent, the {@code MS-CV}
   * and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result (which may list failed order groups) and its response
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException as for {@link #checkout(String, String, CheckoutParams,
   *     RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<CartCheckoutResult> checkoutWithResponse(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).run();
  }

  /**
   * Checks out a cart without blocking, as {@link #checkoutAsync(String, String, CheckoutParams,
   * RequestOptions)} does, and completes with the result and its response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the result and its response, or with the exception {@link
   *     #checkout(String, String, CheckoutParams, RequestOptions)} would throw; cancelling it
   *     stops the call
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once; nothing is sent)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<CartCheckoutResult>> checkoutWithResponseAsync(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).startWithResponse();
  }

  /**
   * The request a checkout would send, without sending it or asking the token source for a token:
   * the {@code Authorization} header carries {@code Bearer ****}, and a password in the base URL
   * is masked the same way. For dry runs ({@code --what-if}) and logs.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID and correlation ID to send (new ones unless given)
   * @return the request, with the same headers a real call would have
   * @throws IllegalArgumentException if an ID is not a GUID
   */
  public Request previewCheckout(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).preview();
  }

  private OperationCall<Cart> createCall(String customerId, Cart cart, RequestOptions options) {
    return api.createCart(
        Arguments.requireGuid(customerId, "customerId"),
        CartValidation.requireValid(cart),
        Arguments.requireOptions(options));
  }

  private OperationCall<Cart> getCall(String customerId, String cartId, RequestOptions options) {
    return api.getCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Arguments.requireOptions(options));
  }

  private OperationCall<Cart> updateCall(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return api.updateCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        CartValidation.requireValid(cart, cartId),
        Arguments.requireOptions(options));
  }

  private OperationCall<CartCheckoutResult> checkoutCall(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return api.checkoutCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Arguments.requireParams(params).customerUserUpn().orElse(null),
        Arguments.requireOptions(options));
  }
}
