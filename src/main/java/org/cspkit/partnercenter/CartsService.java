package org.cspkit.partnercenter;

import java.util.List;
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
public final class CartsService extends CartsForms {
  private final CartsApi api;

  CartsService(Pipeline pipeline) {
    this.api = pipeline.api(CartsApi.class);
  }

  @Override
  CartsApi api() {
    return api;
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

  @Override
  OperationCall<Cart> createCartCall(String customerId, Cart cart, RequestOptions options) {
    return api.createCart(
        Arguments.requireGuid(customerId, "customerId"),
        CartValidation.requireValid(cart),
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<Cart> updateCartCall(
      String customerId, String cartId, Cart cart, RequestOptions options) {
    return api.updateCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        CartValidation.requireValid(cart, cartId),
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<CartCheckoutResult> checkoutCartCall(
      String customerId, String cartId, CheckoutParams params, RequestOptions options) {
    return api.checkoutCart(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Arguments.requireParams(params).customerUserUpn().orElse(null),
        Arguments.requireOptions(options));
  }
}
