package org.cspkit.it.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.FakePartnerCenterExtension;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user's test: their code against the fake Partner Center, faults included. */
class SeatPurchasesTest {
  @RegisterExtension
  final FakePartnerCenterExtension partnerCenter = new FakePartnerCenterExtension();

  private SeatPurchases purchases() {
    return new SeatPurchases(PartnerCenterClient.builder()
        .baseUrl(partnerCenter.baseUrl())
        .accessToken("any-token")
        .build());
  }

  @Test
  void buysTheSeats() {
    List<String> orderIds = purchases().buy(TestData.CUSTOMER_ID, TestData.CATALOG_ITEM_ID, 5);

    FakePartnerCenter fake = partnerCenter.fake();
    assertEquals(1, fake.carts().size());
    assertEquals(5, fake.carts().get(0).lineItems().get(0).quantity());
    assertEquals(
        orderIds,
        fake.ordersOf(fake.carts().get(0).id()).stream().map(Order::id).toList());
  }

  @Test
  void buysTheSeatsWhenTheCheckoutIsThrottledOnce() {
    FakePartnerCenter fake = partnerCenter.fake();
    fake.enqueueFault(Fault.throttled(Duration.ofSeconds(1)).on(Operation.CHECKOUT_CART));

    List<String> orderIds = purchases().buy(TestData.CUSTOMER_ID, TestData.CATALOG_ITEM_ID, 1);

    assertEquals(1, orderIds.size());
    List<ReceivedRequest> checkouts = fake.requests(Operation.CHECKOUT_CART);
    assertEquals(
        List.of(429, 201), checkouts.stream().map(ReceivedRequest::status).toList());
    assertEquals(checkouts.get(0).requestId(), checkouts.get(1).requestId());
    System.out.println("testing-consumer IT: checkout answered "
        + checkouts.get(0).status() + " then " + checkouts.get(1).status());
  }

  @Test
  void reportsACartThatWasAlreadySubmitted() {
    partnerCenter.fake().enqueueFault(Fault.errorCode(800065));

    BadRequestException e = assertThrows(
        BadRequestException.class,
        () -> purchases().buy(TestData.CUSTOMER_ID, TestData.CATALOG_ITEM_ID, 1));
    assertEquals(800065, e.errorCode().orElse(0));
    assertTrue(partnerCenter.fake().orders().isEmpty());
  }

  @Test
  void theSpecIsInTheLibrarysJar() throws Exception {
    URL spec =
        PartnerCenterClient.class.getClassLoader().getResource(FakePartnerCenter.SPEC_RESOURCE);
    assertNotNull(spec, FakePartnerCenter.SPEC_RESOURCE);
    assertTrue(spec.toString().startsWith("jar:"), spec.toString());
    assertTrue(spec.toString().contains("/partner-center-purchase-"), spec.toString());
    try (InputStream in = spec.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.startsWith("openapi: 3."), text.substring(0, 40));
    }
    System.out.println("testing-consumer IT: spec at " + spec);
  }
}
