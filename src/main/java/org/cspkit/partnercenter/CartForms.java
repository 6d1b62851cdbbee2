package org.cspkit.partnercenter;

import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import org.cspkit.partnercenter.internal.OperationCall;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;

/**
 * The forms of each cart operation ({@linkplain org.cspkit.partnercenter package documentation}),
 * each one line over the operation's one call: {@link CartsService} binds each operation to its
 * call and carries its contract on its blocking full form; this class derives the other forms, the
 * same way for every operation. Not API on its own: its methods are {@link CartsService}'s.
 */
abstract class CartForms {
  CartForms() {}

  abstract OperationCall<Cart> createCall(String customerId, Cart cart, RequestOptions options);

  abstract OperationCall<Cart> getCall(String customerId, String cartId, RequestOptions options);

  abstract OperationCall<Cart> updateCall(
      String customerId, String cartId, Cart cart, RequestOptions options);

  abstract OperationCall<CartCheckoutResult> checkoutCall(
      String customerId, String cartId, CheckoutParams params, RequestOptions options);

  /**
   * {@return the created cart}, as {@link CartsService#create(String, Cart, RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   */
  public Cart create(String customerId, Cart cart) {
    return createCall(customerId, cart, RequestOptions.defaults()).run().value();
  }

  /**
   * {@return a future of the cart {@link CartsService#create(String, Cart, RequestOptions)} creates}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   */
  public CompletableFuture<Cart> createAsync(String customerId, Cart cart) {
    return createCall(customerId, cart, RequestOptions.defaults()).start();
  }

  /**
   * {@return a future of the cart {@link CartsService#create(String, Cart, RequestOptions)} creates}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<Cart> createAsync(String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).start();
  }

  /**
   * {@return the cart {@link CartsService#create(String, Cart, RequestOptions)} creates, and its response}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<Cart> createWithResponse(
      String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).run();
  }

  /**
   * {@return a future of the cart and its response}, as {@link CartsService#createWithResponse}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> createWithResponseAsync(
      String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).startWithResponse();
  }

  /**
   * {@return the request {@link CartsService#create(String, Cart, RequestOptions)} would send, unsent}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cart the line items to buy
   * @param options the request ID and correlation ID to send (new ones unless given)
   */
  public Request previewCreate(String customerId, Cart cart, RequestOptions options) {
    return createCall(customerId, cart, options).preview();
  }

  /**
   * {@return the cart}, as {@link CartsService#get(String, String, RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   */
  public Cart get(String customerId, String cartId) {
    return getCall(customerId, cartId, RequestOptions.defaults()).run().value();
  }

  /**
   * {@return a future of the cart {@link CartsService#get(String, String, RequestOptions)} reads}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   */
  public CompletableFuture<Cart> getAsync(String customerId, String cartId) {
    return getCall(customerId, cartId, RequestOptions.defaults()).start();
  }

  /**
   * {@return a future of the cart {@link CartsService#get(String, String, RequestOptions)} reads}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<Cart> getAsync(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).start();
  }

  /**
   * {@return the cart {@link CartsService#get(String, String, RequestOptions)} reads, and its response}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<Cart> getWithResponse(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).run();
  }

  /**
   * {@return a future of the cart and its response}, as {@link CartsService#getWithResponse}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> getWithResponseAsync(
      String customerId, String cartId, RequestOptions options) {
    return getCall(customerId, cartId, options).startWithResponse();
  }

  /**
   * {@return the updated cart}, as {@link CartsService#update(String, String, Cart, RequestOptions)} with
   * defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   */
  public Cart update(String customerId, String cartId, Cart cart) {
    return updateCall(customerId, cartId, cart, RequestOptions.defaults()).run().value();
  }

  /**
   * {@return a future of the cart {@link CartsService#update(String, String, Cart, RequestOptions)} updates}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   */
  public CompletableFuture<Cart> updateAsync(String customerId, String cartId, Cart cart) {
    return updateCall(customerId, cartId, cart, RequestOptions.defaults()).start();
  }

  /**
   * {@return a future of the cart {@link CartsService#update(String, String, Cart, RequestOptions)} updates}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<Cart> updateAsync(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).start();
  }

  /**
   * {@return the cart and its response}, as {@link CartsService#update(String, String, Cart, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<Cart> updateWithResponse(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).run();
  }

  /**
   * {@return a future of the cart and its response}, as {@link CartsService#updateWithResponse}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<Cart>> updateWithResponseAsync(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).startWithResponse();
  }

  /**
   * {@return the request {@link CartsService#update(String, String, Cart, RequestOptions)} would send, unsent}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param cart the cart's new line items
   * @param options the request ID and correlation ID to send (new ones unless given)
   */
  public Request previewUpdate(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return updateCall(customerId, cartId, cart, options).preview();
  }

  /**
   * {@return the checkout result}, as {@link CartsService#checkout(String, String, CheckoutParams,
   * RequestOptions)} with no customer user and defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   */
  public CartCheckoutResult checkout(String customerId, String cartId) {
    return checkoutCall(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults())
        .run()
        .value();
  }

  /**
   * {@return a future of the result of {@link CartsService#checkout(String, String, CheckoutParams,
   * RequestOptions)}}, with no customer user and defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId) {
    return checkoutCall(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults())
        .start();
  }

  /**
   * {@return a future of the result of {@link CartsService#checkout(String, String, CheckoutParams,
   * RequestOptions)}}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).start();
  }

  /**
   * {@return the result and its response}, as {@link CartsService#checkout(String, String, CheckoutParams,
   * RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<CartCheckoutResult> checkoutWithResponse(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).run();
  }

  /**
   * {@return a future of the result of {@link CartsService#checkout(String, String, CheckoutParams,
   * RequestOptions)}, and its response}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<CartCheckoutResult>> checkoutWithResponseAsync(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).startWithResponse();
  }

  /**
   * {@return the request {@link CartsService#checkout(String, String, CheckoutParams, RequestOptions)} would
   * send, unsent}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID and correlation ID to send (new ones unless given)
   */
  public Request previewCheckout(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return checkoutCall(customerId, cartId, params, options).preview();
  }
}
