package org.cspkit.it.consumer;

import java.net.ConnectException;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;

/** What an application does with the library: build a client, check a cart out, read orders. */
public final class Checkout {
  public static void main(String[] args) throws Exception {
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(args[0])
        .accessToken("prism-checks-presence-only")
        .applicationName("consumer IT")
        .build();

    CartCheckoutResult result = null;
    for (int tries = 0; result == null; tries++) {
      try {
        result = client.checkout("d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d",
            "b4c8fdea-cbe4-4d17-9576-13fcacbf9605");
      } catch (TransportException e) {
        if (!(e.getCause() instanceof ConnectException) || tries > 100) {
          throw e;
        }
        Thread.sleep(100); // Prism is still starting
      }
    }
    if (result.orders().isEmpty()) {
      throw new AssertionError("no orders in " + result);
    }
    for (Order order : result.orders()) {
      System.out.println("consumer IT: order " + order.id() + " " + order.status());
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
  }
}
