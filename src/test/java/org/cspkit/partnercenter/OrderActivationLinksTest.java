package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.cspkit.partnercenter.model.OrderLineItemActivationLink;
import org.cspkit.partnercenter.model.OrderLineItemActivationLinkCollection;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.TestData;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The activation links of an order line item, the operation added by following
 * docs/adding-an-operation.md: the shipped fake answers it from the spec's example with no code of
 * its own, and the client's forms, checks and contract come from the spec.
 */
class OrderActivationLinksTest {
  private static final String LINK = "https://saas.contoso.example/activate?token=8f2b";

  FakePartnerCenter fake;
  PartnerCenterClient client;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
    client = ContractValidator.clientFor(fake).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void readsALineItemsActivationLinks() throws Exception {
    OrderLineItemActivationLinkCollection links =
        client.orders().getActivationLinks(TestData.CUSTOMER_ID, TestData.ORDER_ID, 0);

    assertThat(links.items())
        .extracting(
            OrderLineItemActivationLink::lineItemNumber, item -> item.link().uri())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, LINK));
    assertThat(client
            .orders()
            .getActivationLinksAsync(TestData.CUSTOMER_ID, TestData.ORDER_ID, 0)
            .get(10, TimeUnit.SECONDS)
            .totalCount())
        .isEqualTo(1);
    assertThat(fake.requests("getOrderLineItemActivationLinks"))
        .hasSize(2)
        .allSatisfy(request -> assertThat(request.path())
            .isEqualTo("/v1/customers/" + TestData.CUSTOMER_ID + "/orders/" + TestData.ORDER_ID
                + "/lineitems/0/activationlinks"));
  }

  @Test
  void theResponseCarriesTheStatusAndTheRequestIds() {
    PartnerCenterResponse<OrderLineItemActivationLinkCollection> response = client
        .orders()
        .getActivationLinksWithResponse(
            TestData.CUSTOMER_ID, TestData.ORDER_ID, 3, RequestOptions.defaults());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.requestId()).isNotBlank();
    assertThat(response.attempts()).hasSize(1);
  }

  @Test
  void aNegativeLineNumberOrABadIdIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(
            () -> client.orders().getActivationLinks(TestData.CUSTOMER_ID, TestData.ORDER_ID, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lineItemNumber");
    assertThatThrownBy(() -> client.orders().getActivationLinks("not-a-guid", TestData.ORDER_ID, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    assertThat(fake.requests()).isEmpty();
  }
}
