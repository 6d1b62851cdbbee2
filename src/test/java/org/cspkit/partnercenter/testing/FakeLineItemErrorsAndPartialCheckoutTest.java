package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderError;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two outcomes of a purchase the README tells a user to handle, scripted on the shipped fake
 * through the client: a cart created with a line item Partner Center flagged ({@link
 * Fault#lineItemError(int, int)}), and a checkout that is a partial success ({@link
 * Fault#partialCheckout(int, String, String...)}). Every answer is checked against the spec.
 */
class FakeLineItemErrorsAndPartialCheckoutTest {
  static final String CUSTOMER_ID = TestData.CUSTOMER_ID;

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

  /** Two lines with two billing cycles: order groups 0 and 1. */
  private static Cart twoOrderGroups() {
    return Cart.builder()
        .lineItems(List.of(
            TestData.lineItem(),
            TestData.lineItem().toBuilder()
                .id(1)
                .catalogItemId("DZH318Z0BQ36:004G:DZH318Z08C0S")
                .billingCycle(BillingCycleType.ONE_TIME)
                .build()))
        .build();
  }

  @Test
  void aCreatedCartCarriesTheScriptedLineItemErrorAndItsCheckoutFailsWith800009() {
    fake.enqueueFault(Fault.lineItemError(1, 10001));

    Cart cart = client.carts().create(CUSTOMER_ID, twoOrderGroups());

    List<CartLineItem> problems = cart.lineItemsWithErrors();
    assertThat(problems).singleElement().satisfies(line -> {
      assertThat(line.id()).isEqualTo(1);
      assertThat(line.error().errorCode()).isEqualTo(10001);
      assertThat(line.error().errorDescription()).isNotBlank();
    });
    assertThat(client.carts().get(CUSTOMER_ID, cart.id())).isEqualTo(cart);
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, cart.id()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.errorCode()).hasValue(800009));
    assertThat(fake.ordersOf(cart.id())).isEmpty();
    assertThat(fake.requests(Operation.CREATE_CART)).singleElement().satisfies(request -> {
      assertThat(request.status()).isEqualTo(201);
      assertThat(request.injectedFault()).contains(Fault.Kind.LINE_ITEM_ERROR);
    });
  }

  @Test
  void anUpdateThatFixesTheLineClearsTheErrorAndTheCartCanBeCheckedOut() {
    fake.enqueueFault(Fault.lineItemError(0, 400039, "Availability does not support term ''."));
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    assertThat(cart.lineItemsWithErrors())
        .singleElement()
        .satisfies(line -> assertThat(line.error().errorDescription())
            .isEqualTo("Availability does not support term ''."));

    Cart fixed = client.carts().update(CUSTOMER_ID, cart.id(), TestData.newCart());

    assertThat(fixed.lineItemsWithErrors()).isEmpty();
    assertThat(client.carts().checkout(CUSTOMER_ID, cart.id()).orders()).hasSize(1);
  }

  @Test
  void aLineItemErrorCanBeScriptedOnAnUpdate() {
    fake.enqueueFault(Fault.lineItemError(0, 10012).on(Operation.UPDATE_CART));
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    assertThat(cart.lineItemsWithErrors()).isEmpty();

    Cart updated = client.carts().update(CUSTOMER_ID, cart.id(), TestData.newCart());

    assertThat(updated.lineItemsWithErrors())
        .extracting(line -> line.error().errorCode())
        .containsExactly(10012);
    assertThatThrownBy(() -> Fault.lineItemError(0, 10012).on(Operation.CHECKOUT_CART))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPartialCheckoutOrdersTheOtherGroupsAndReportsTheFailedOnes() {
    Cart cart = client.carts().create(CUSTOMER_ID, twoOrderGroups());
    assertThat(cart.lineItems()).extracting(CartLineItem::orderGroup).containsExactly("0", "1");
    fake.enqueueFault(Fault.partialCheckout(
        800020,
        "The catalog item DZH318Z0BQ36:004G:DZH318Z08C0S is not eligible for purchase.",
        "1"));
    RequestOptions once = RequestOptions.builder().requestId(UUID.randomUUID()).build();

    CartCheckoutResult result =
        client.carts().checkout(CUSTOMER_ID, cart.id(), CheckoutParams.none(), once);

    assertThat(result.orders())
        .singleElement()
        .satisfies(order -> assertThat(order.lineItems())
            .singleElement()
            .satisfies(line -> assertThat(line.offerId()).isEqualTo(TestData.CATALOG_ITEM_ID)));
    assertThat(result.orderErrors()).singleElement().satisfies(error -> {
      assertThat(error.orderGroupId()).isEqualTo("1");
      assertThat(error.code()).isEqualTo(800020);
      assertThat(error.description()).contains("not eligible");
    });
    assertThat(fake.ordersOf(cart.id()))
        .extracting(Order::id)
        .containsExactlyElementsOf(result.orders().stream().map(Order::id).toList());
    assertThat(fake.orders()).hasSize(1);
    assertThat(fake.cart(cart.id()))
        .hasValueSatisfying(ordered -> assertThat(ordered.status()).isEqualTo(CartStatus.ORDERED));
    // A retry with the same MS-RequestId gets the same partial result, and orders nothing more.
    assertThat(client.carts().checkout(CUSTOMER_ID, cart.id(), CheckoutParams.none(), once))
        .isEqualTo(result);
    assertThat(fake.orders()).hasSize(1);
    assertThat(fake.requests(Operation.CHECKOUT_CART))
        .extracting(ReceivedRequest::injectedFault)
        .containsExactly(Optional.of(Fault.Kind.PARTIAL_CHECKOUT), Optional.empty());
  }

  @Test
  void aCheckoutWhoseEveryGroupFailsOrdersNothing() {
    Cart cart = client.carts().create(CUSTOMER_ID, twoOrderGroups());
    fake.enqueueFault(Fault.partialCheckout(800020, "Not eligible for purchase.", "0", "1"));

    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, cart.id());

    assertThat(result.orders()).isEmpty();
    assertThat(result.orderErrors()).extracting(OrderError::orderGroupId).containsExactly("0", "1");
    assertThat(fake.orders()).isEmpty();
  }

  @Test
  void theReadmesBranchesCanBeTested() {
    // The README's whole purchase: stop on a flagged line; read orderErrors after a checkout.
    fake.enqueueFault(Fault.lineItemError(0, 10003));
    Cart flagged = client.carts().create(CUSTOMER_ID, TestData.newCart());
    assertThat(flagged.lineItemsWithErrors()).hasSize(1);

    Cart cart = client.carts().create(CUSTOMER_ID, twoOrderGroups());
    assertThat(cart.lineItemsWithErrors()).isEmpty();
    fake.enqueueFault(Fault.partialCheckout(800020, "Not eligible for purchase.", "0"));
    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, cart.id());
    assertThat(result.orders()).hasSize(1);
    assertThat(result.orderErrors()).extracting(OrderError::code).containsExactly(800020);
  }

  @Test
  void faultsCheckTheirArguments() {
    assertThatThrownBy(() -> Fault.partialCheckout(800020, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.partialCheckout(800020, null, "0"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Fault.partialCheckout(800020, "x", "1").on(Operation.CREATE_CART))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.partialCheckout(800020, "x", "1").operation())
        .isEqualTo(Operation.CHECKOUT_CART);
    assertThat(Fault.lineItemError(2, 10001).toString()).contains("10001").contains("2");
  }
}
