package org.cspkit.partnercenter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bodies benchmarked: the documentation's three orders, and a large generated result. */
public final class Bodies {
  private Bodies() {}

  /** The spec's threeOrders example as Prism serves it (4.3 KB). */
  public static byte[] documentation() {
    try (InputStream in = Bodies.class.getResourceAsStream("/three-orders.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 200 orders × 25 line items, each with pricing, links and provisioning context. */
  public static byte[] large() {
    StringBuilder json = new StringBuilder(4_000_000).append("{\"orders\":[");
    for (int o = 0; o < 200; o++) {
      String orderId = "order-" + o;
      json.append(o == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(orderId)
          .append("\",\"alternateId\":\"a")
          .append(o)
          .append("\",\"referenceCustomerId\":\"d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d\",")
          .append("\"billingCycle\":\"monthly\",\"transactionType\":\"UserPurchase\",")
          .append("\"currencyCode\":\"USD\",\"currencySymbol\":\"US$\",")
          .append("\"creationDate\":\"2023-04-18T22:03:45.4505136Z\",\"status\":\"pending\",")
          .append("\"totalPrice\":912.00,\"lineItems\":[");
      for (int i = 0; i < 25; i++) {
        json.append(i == 0 ? "" : ",")
            .append("{\"lineItemNumber\":")
            .append(i)
            .append(",\"offerId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0N81H\",")
            .append("\"subscriptionId\":\"0c353b8e-da9d-4007-d0d4-bca8bd5b5ce")
            .append(i % 10)
            .append("\",\"friendlyName\":\"Office 365 E5 seat bundle ")
            .append(i)
            .append("\",\"quantity\":")
            .append(1 + i)
            .append(",\"termDuration\":\"P1M\",")
            .append("\"transactionType\":\"New\",\"partnerIdOnRecord\":\"4847383\",")
            .append("\"provisioningContext\":{\"scope\":\"shared\",\"subscriptionId\":\"s-")
            .append(i)
            .append("\"},\"renewsTo\":{\"termDuration\":\"P1M\"},")
            .append("\"attestationAccepted\":true,\"customTermEndDate\":\"2023-05-17T00:00:00Z\",")
            .append("\"pricing\":{\"listPrice\":36.48,\"discountedPrice\":36.48,")
            .append("\"proratedPrice\":36.48,\"price\":36.48,\"extendedPrice\":36.48},")
            .append("\"links\":{\"sku\":{\"uri\":\"/products/CFQ7TTC0LF8S/skus/0001?country=US\",")
            .append("\"method\":\"GET\",\"headers\":[]},\"product\":{\"uri\":")
            .append("\"/products/CFQ7TTC0LF8S?country=US\",\"method\":\"GET\",\"headers\":[]}}}");
      }
      json.append("],\"links\":{\"self\":{\"uri\":\"/customers/d6bf25b7/orders/")
          .append(orderId)
          .append("\",\"method\":\"GET\",\"headers\":[]}},")
          .append("\"attributes\":{\"objectType\":\"Order\"}}");
    }
    json.append("],\"orderErrors\":[],\"attributes\":{\"objectType\":\"CartCheckoutResult\"}}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
