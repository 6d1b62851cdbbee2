package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.testing.PreferClients;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A purchase through the {@code …WithResponse} forms against Prism serving the spec: each step
 * returns its documented status, the spec's {@code MS-CV} example from the response headers, the
 * request IDs the client sent and one attempt. Prism validates every request.
 */
@ExtendWith(PrismExtension.class)
class PrismResponseMetadataTest {
  /** The {@code MS-CV} example of the spec's response headers, which Prism sends. */
  static final String SPEC_MS_CV = "sF/wRa2ih0CzbABc.0";

  private final PreferClients clients = new PreferClients();

  @AfterEach
  void requestsMatchedTheSpec() {
    clients.assertNone();
  }

  @Test
  void aPurchaseReturnsEachStepsStatusCorrelationVectorAndSentIds(PrismServer prism) {
    PartnerCenterClient client = clients.client(prism, null);
    // Prism answers a checkout with its first documented success, the 200 of a repeated one.
    PartnerCenterClient firstCheckout = clients.client(prism, "code=201");
    UUID correlationId = UUID.randomUUID();
    UUID checkoutRequestId = UUID.randomUUID();
    RequestOptions sameCorrelation =
        RequestOptions.builder().correlationId(correlationId).build();

    PartnerCenterResponse<Cart> created = client
        .carts()
        .createWithResponse(
            PrismOperationsTest.CUSTOMER_ID, PrismOperationsTest.oneLine(), sameCorrelation);
    PartnerCenterResponse<CartCheckoutResult> checkedOut = firstCheckout
        .carts()
        .checkoutWithResponse(
            PrismOperationsTest.CUSTOMER_ID,
            created.value().id(),
            CheckoutParams.none(),
            sameCorrelation.newBuilder().requestId(checkoutRequestId).build());
    Order order = checkedOut.value().orders().get(0);
    PartnerCenterResponse<Order> read = client
        .orders()
        .getWithResponseAsync(
            PrismOperationsTest.CUSTOMER_ID, order.id(), OrderGetParams.none(), sameCorrelation)
        .join();

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(checkedOut.statusCode()).isEqualTo(201);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.value().id()).isEqualTo(order.id());
    assertThat(checkedOut.requestId()).isEqualTo(checkoutRequestId.toString());
    assertThat(created.requestId())
        .isNotEqualTo(read.requestId())
        .isNotEqualTo(checkoutRequestId.toString());
    for (PartnerCenterResponse<?> response : List.of(created, checkedOut, read)) {
      assertThat(response.correlationId()).isEqualTo(correlationId.toString());
      assertThat(response.correlationVector()).isEqualTo(SPEC_MS_CV);
      assertThat(response.headers().get("Content-Type")).startsWith("application/json");
      assertThat(response.attempts())
          .extracting(Attempt::statusCode)
          .containsExactly(response.statusCode());
    }
  }
}
