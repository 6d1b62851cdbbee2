package org.cspkit.it.shop;

import java.util.List;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;

/** The user's code under test: buys seats of a subscription for a customer. */
public final class SeatPurchases {
  private final PartnerCenterClient client;

  public SeatPurchases(PartnerCenterClient client) {
    this.client = client;
  }

  /** Buys {@code seats} monthly seats on a one-year term; returns the IDs of the orders. */
  public List<String> buy(String customerId, String catalogItemId, int seats) {
    Cart cart = client
        .carts()
        .create(
            customerId,
            Cart.builder()
                .lineItems(List.of(CartLineItem.builder()
                    .catalogItemId(catalogItemId)
                    .quantity(seats)
                    .billingCycle(BillingCycleType.MONTHLY)
                    .termDuration("P1Y")
                    .build()))
                .build());
    CartCheckoutResult result = client.carts().checkout(customerId, cart.id());
    if (!result.orderErrors().isEmpty()) {
      throw new IllegalStateException("order groups failed: " + result.orderErrors());
    }
    return result.orders().stream().map(Order::id).toList();
  }
}
