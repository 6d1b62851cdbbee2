package org.cspkit.partnercenter.testing;

import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.model.CartCheckoutResult;

/**
 * A program that checks out one cart with {@code checkoutAsync}, prints the number of orders and
 * returns from {@code main} without closing the client: its JVM must exit on its own. Run in a
 * JVM of its own by {@code LifecycleTest}.
 */
public final class CheckoutWithoutClose {
  private CheckoutWithoutClose() {}

  /**
   * Checks out against {@code args[0]}.
   *
   * @param args the base URL
   */
  public static void main(String[] args) {
    CartCheckoutResult result = PartnerCenterClient.builder()
        .baseUrl(args[0])
        .accessToken("t")
        .build()
        .carts()
        .checkoutAsync(
            "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d", "b4c8fdea-cbe4-4d17-9576-13fcacbf9605")
        .join();
    System.out.println(result.orders().size());
  }
}
