package org.cspkit.it.consumer;

import java.net.ConnectException;
import java.util.List;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;

/**
 * What an application does with the library: build a client, create a cart, check it out, read
 * the orders.
 */
public final class Purchase {
  public static void main(String[] args) throws Exception {
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(args[0])
        .accessToken("prism-checks-presence-only")
        .applicationName("consumer IT")
        .build();

    String customerId = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
    Cart request = Cart.builder()
        .lineItems(List.of(CartLineItem.builder()
            .catalogItemId("DZH318Z0BXWC:0002:DZH318Z0BMRV")
            .quantity(1)
            .billingCycle(BillingCycleType.MONTHLY)
            .termDuration("P1M")
            .build()))
        .build();
    Cart cart = null;
    for (int tries = 0; cart == null; tries++) {
      try {
        cart = client.carts().create(customerId, request);
      } catch (TransportException e) {
        if (!(e.getCause() instanceof ConnectException) || tries > 100) {
          throw e;
        }
        Thread.sleep(100); // Prism is still starting
      }
    }
    System.out.println("consumer IT: cart " + cart.id() + " " + cart.status());
    CartCheckoutResult result = client.carts().checkout(customerId, cart.id());
    if (result.orders().isEmpty()) {
      throw new AssertionError("no orders in " + result);
    }
    for (Order order : result.orders()) {
      Order read = client.orders().get(customerId, order.id());
      System.out.println("consumer IT: order " + read.id() + " " + read.status());
    }

    // The command line's libraries stay in the -cli jar: a consumer does not get them.
    for (String cliOnly : new String[] {"picocli.CommandLine", "org.slf4j.simple.SimpleLogger"}) {
      try {
        Class.forName(cliOnly);
        throw new AssertionError(cliOnly + " leaked onto the consumer's classpath");
      } catch (ClassNotFoundException expected) {
        System.out.println("consumer IT: " + cliOnly + " is not on the classpath");
      }
    }
    client.close();
  }
}
