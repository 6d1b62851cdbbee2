package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;

/**
 * The public checks refuse what the operations refuse, with the same message, before anything is
 * sent; and accept what they accept.
 */
class RequestChecksTest {
  private static final String CUSTOMER_ID = OperationsOnTheWireTest.CUSTOMER_ID;
  private static final String CART_ID = OperationsOnTheWireTest.CART_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("checks-test-token")
        .build();
  }

  @Test
  void aGuidIsAcceptedInAnyCaseAndReturnedAsAUuid() {
    assertThat(RequestChecks.requireGuid(CUSTOMER_ID.toUpperCase(java.util.Locale.ROOT), "x"))
        .isEqualTo(UUID.fromString(CUSTOMER_ID));
  }

  @Test
  void whatIsNotAGuidIsRefusedWithTheMessageOfTheOperations() {
    try (PartnerCenterClient client = client()) {
      for (String bad : List.of("abc", CUSTOMER_ID + "0", "{" + CUSTOMER_ID + "}", "o-\uDC00")) {
        IllegalArgumentException checked = catchThrowableOfType(
            IllegalArgumentException.class, () -> RequestChecks.requireGuid(bad, "customerId"));
        assertThat(checked.getMessage()).startsWith("customerId must be").contains("got '");
        assertThatThrownBy(() -> client.carts().get(bad, CART_ID))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage(checked.getMessage());
      }
      assertThatThrownBy(() -> RequestChecks.requireGuid(null, "cartId"))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cartId must be a GUID");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anOrderIdNeedNotBeAGuidButMustBeOnePathSegment() {
    assertThat(RequestChecks.requireId("YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1", "orderId"))
        .isEqualTo("YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1");
    try (PartnerCenterClient client = client()) {
      for (String bad : List.of("", ".", "..", "a/b", "a?b", "a#b", "a b", "a\u0007")) {
        IllegalArgumentException checked = catchThrowableOfType(
            IllegalArgumentException.class, () -> RequestChecks.requireId(bad, "orderId"));
        assertThat(checked.getMessage()).startsWith("orderId must be an ID");
        assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, bad))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage(checked.getMessage());
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCartIsCheckedAsTheCartOperationsCheckIt() {
    Cart good = OperationsOnTheWireTest.cart(line -> {});
    assertThat(RequestChecks.requireValidCart(good)).isSameAs(good);
    List<Cart> bad = List.of(
        Cart.builder().build(),
        OperationsOnTheWireTest.cart(line -> line.quantity(0)),
        OperationsOnTheWireTest.cart(line -> line.catalogItemId(" ")),
        OperationsOnTheWireTest.cart(line -> line.billingCycle(BillingCycleType.UNKNOWN)),
        OperationsOnTheWireTest.cart(line -> line.termDuration("one year")),
        OperationsOnTheWireTest.cart(line -> line.friendlyName("seats \uD800")));
    try (PartnerCenterClient client = client()) {
      for (Cart cart : bad) {
        IllegalArgumentException checked = catchThrowableOfType(
            IllegalArgumentException.class, () -> RequestChecks.requireValidCart(cart));
        assertThat(checked.getMessage()).startsWith("cart.lineItems");
        assertThatThrownBy(() -> client.carts().create(CUSTOMER_ID, cart))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage(checked.getMessage());
      }
    }
    assertThatThrownBy(() -> RequestChecks.requireValidCart(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("cart must not be null");
    assertThat(server.getRequestCount()).isZero();
  }
}
