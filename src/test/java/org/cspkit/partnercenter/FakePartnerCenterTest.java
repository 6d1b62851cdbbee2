package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.ProvisioningStatus;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped fake Partner Center (artifact {@code partner-center-purchase-testing}) through the
 * library's client, as a user tests against it: its state and its idempotency per {@code
 * MS-RequestId} (its scripted faults: {@link FakePartnerCenterFaultsTest}; the operations of its
 * OpenAPI document: {@link FakePartnerCenterSpecTest}). Every request, and every answer of the fake, errors
 * included, is validated against the OpenAPI document.
 */
class FakePartnerCenterTest {
  static final String CUSTOMER_ID = TestData.CUSTOMER_ID;

  FakePartnerCenter fake;
  PartnerCenterClient client;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
    client = client(RetryOptions.builder()
        .maxAttempts(4)
        .initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5))
        .build());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private PartnerCenterClient client(RetryOptions retries) {
    return ContractValidator.clientFor(fake).retryOptions(retries).build();
  }

  private static Cart twoBillingCycles() {
    return Cart.builder()
        .lineItems(List.of(
            TestData.lineItem(),
            TestData.lineItem().toBuilder()
                .id(1)
                .catalogItemId("DZH318Z0BQ36:004G:DZH318Z08C0S")
                .billingCycle(BillingCycleType.ONE_TIME)
                .termDuration("P1Y")
                .friendlyName("Reserved VM Instance")
                .build()))
        .build();
  }

  @Test
  void aWholePurchaseChangesTheFakesStateAsTheServiceWould() {
    Cart cart = client.carts().create(CUSTOMER_ID, twoBillingCycles());

    assertThat(cart.id()).matches("[0-9a-f-]{36}");
    assertThat(cart.status()).isEqualTo(CartStatus.ACTIVE);
    assertThat(cart.expirationTimestamp()).isEqualTo(cart.creationTimestamp().plusDays(7));
    assertThat(cart.lineItems()).extracting(CartLineItem::orderGroup).containsExactly("0", "1");
    assertThat(client.carts().get(CUSTOMER_ID, cart.id())).isEqualTo(cart);
    assertThat(fake.carts()).containsExactly(cart);

    Cart fiveSeats = client
        .carts()
        .update(
            CUSTOMER_ID,
            cart.id(),
            cart.toBuilder()
                .lineItems(
                    List.of(cart.lineItems().get(0).toBuilder().quantity(5).build()))
                .build());
    assertThat(fiveSeats.lineItems())
        .singleElement()
        .satisfies(line -> assertThat(line.quantity()).isEqualTo(5));
    assertThat(client.carts().get(CUSTOMER_ID, cart.id()).lineItems())
        .singleElement()
        .satisfies(line -> assertThat(line.quantity()).isEqualTo(5));

    Cart again = client.carts().update(CUSTOMER_ID, cart.id(), twoBillingCycles());
    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, again.id());

    assertThat(result.orders()).hasSize(2).allSatisfy(order -> {
      assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
      assertThat(order.referenceCustomerId()).isEqualTo(CUSTOMER_ID);
    });
    assertThat(result.orders())
        .extracting(Order::billingCycle)
        .containsExactly(BillingCycleType.MONTHLY, BillingCycleType.ONE_TIME);
    assertThat(result.orderErrors()).isEmpty();
    assertThat(fake.ordersOf(cart.id()))
        .extracting(Order::id)
        .containsExactlyElementsOf(result.orders().stream().map(Order::id).toList());
    assertThat(fake.cart(cart.id()))
        .hasValueSatisfying(ordered -> assertThat(ordered.status()).isEqualTo(CartStatus.ORDERED));

    String orderId = result.orders().get(0).id();
    Order read = client.orders().get(CUSTOMER_ID, orderId);
    assertThat(read.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(read.lineItems()).singleElement().satisfies(line -> {
      assertThat(line.offerId()).isEqualTo(TestData.CATALOG_ITEM_ID);
      assertThat(line.subscriptionId()).isNotBlank();
    });
    assertThat(client.orders().getProvisioningStatus(CUSTOMER_ID, orderId).items())
        .extracting(OrderLineItemProvisioningStatus::status)
        .containsExactly(ProvisioningStatus.FULFILLED);
    assertThat(client.orders().list(CUSTOMER_ID).items()).hasSize(2);
    assertThat(client
            .orders()
            .list(
                CUSTOMER_ID,
                OrderListParams.builder().billingType(BillingCycleType.ONE_TIME).build(),
                RequestOptions.defaults())
            .items())
        .singleElement()
        .satisfies(
            order -> assertThat(order.id()).isEqualTo(result.orders().get(1).id()));
    assertThat(client.orders().list("28045616-f6b9-462f-9701-0d89b5e65c44").items())
        .isEmpty();

    assertThat(fake.requests())
        .extracting(ReceivedRequest::operation)
        .containsExactly(
            Operation.CREATE_CART,
            Operation.GET_CART,
            Operation.UPDATE_CART,
            Operation.GET_CART,
            Operation.UPDATE_CART,
            Operation.CHECKOUT_CART,
            Operation.GET_ORDER,
            Operation.GET_ORDER_PROVISIONING_STATUS,
            Operation.LIST_ORDERS,
            Operation.LIST_ORDERS,
            Operation.LIST_ORDERS);
    assertThat(fake.requests()).allSatisfy(request -> {
      assertThat(request.requestId()).isNotNull();
      assertThat(request.fault()).isNull();
    });
    assertThat(fake.requests(Operation.CHECKOUT_CART)).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path())
          .isEqualTo("/v1/customers/" + CUSTOMER_ID + "/carts/" + cart.id() + "/checkout");
      assertThat(request.status()).isEqualTo(201);
    });
  }

  /** The sample of docs/testing-with-the-fake.md, as it is there. */
  @Test
  void theReadmeSampleRuns() {
    // Docs: testing-fake
    try (FakePartnerCenter fake = FakePartnerCenter.start();
        PartnerCenterClient client = PartnerCenterClient.builder()
            .baseUrl(fake.baseUrl())
            .accessToken("any-token")
            .build()) {
      fake.enqueueFault(Fault.throttled(Duration.ZERO).on(Operation.CHECKOUT_CART));

      Cart cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
      CartCheckoutResult result = client.carts().checkout(TestData.CUSTOMER_ID, cart.id());

      assertThat(fake.ordersOf(cart.id()))
          .extracting(Order::id)
          .containsExactlyElementsOf(result.orders().stream().map(Order::id).toList());
      assertThat(fake.requests(Operation.CHECKOUT_CART))
          .extracting(ReceivedRequest::status)
          .containsExactly(429, 201);
    }
    // Docs: end
  }

  @Test
  void createCartIsIdempotentPerRequestId() {
    RequestOptions once = RequestOptions.builder().requestId(UUID.randomUUID()).build();
    Cart first = client.carts().create(CUSTOMER_ID, TestData.newCart(), once);
    Cart repeated = client.carts().create(CUSTOMER_ID, TestData.newCart(), once);
    Cart other = client.carts().create(CUSTOMER_ID, TestData.newCart());

    assertThat(repeated.id()).isEqualTo(first.id());
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(fake.carts()).extracting(Cart::id).containsExactly(first.id(), other.id());
  }

  @Test
  void aCheckoutRepeatedWithItsRequestIdGetsTheFirstResultAndWithAnotherOne800065() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    RequestOptions once = RequestOptions.builder().requestId(UUID.randomUUID()).build();
    CartCheckoutResult first =
        client.carts().checkout(CUSTOMER_ID, cart.id(), CheckoutParams.none(), once);

    assertThat(client.carts().checkout(CUSTOMER_ID, cart.id(), CheckoutParams.none(), once))
        .isEqualTo(first);
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, cart.id()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.errorCode()).hasValue(800065);
          assertThat(e.errorDescription()).isEqualTo("Cannot checkout an already submitted cart.");
        });
    assertThatThrownBy(() -> client.carts().update(CUSTOMER_ID, cart.id(), TestData.newCart()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.errorCode()).hasValue(800065));
    assertThat(fake.requests(Operation.CHECKOUT_CART))
        .extracting(ReceivedRequest::status)
        .containsExactly(201, 200, 400);
    assertThat(fake.ordersOf(cart.id())).hasSize(1);
  }

  @Test
  void unknownCartsAndOrdersAreNotFoundAndOtherCustomersDoNotSeeThem() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());

    assertThatThrownBy(() -> client.carts().get("28045616-f6b9-462f-9701-0d89b5e65c44", cart.id()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.errorCode()).hasValue(800008));
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, TestData.CART_ID))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.errorCode()).hasValue(800008));
    assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, TestData.ORDER_ID))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.errorCode()).hasValue(20000));
    assertThatThrownBy(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, TestData.ORDER_ID))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.errorCode()).hasValue(800007));
  }

  @Test
  void aRequestWithoutBearerTokenGets401() throws Exception {
    OkHttpClient plain = new OkHttpClient();
    Request request = new Request.Builder()
        .url(fake.baseUrl() + "v1/customers/" + CUSTOMER_ID + "/orders")
        .build();
    try (Response response = plain.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("OAuth realm=");
      assertThat(response.body().string()).contains("\"code\":800001");
    }
    try (Response response = plain
        .newCall(request.newBuilder().header("Authorization", "Bearer x").build())
        .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(fake.requests()).extracting(ReceivedRequest::status).containsExactly(401, 200);
  }

  @Test
  void ordersCanStayPendingForSomeReads() {
    fake.close();
    fake = FakePartnerCenter.builder().pendingProvisioningReads(2).start();
    PartnerCenterClient pending = client(RetryOptions.DEFAULT);
    Cart cart = pending.carts().create(CUSTOMER_ID, TestData.newCart());
    String orderId =
        pending.carts().checkout(CUSTOMER_ID, cart.id()).orders().get(0).id();

    assertThat(pending.orders().get(CUSTOMER_ID, orderId).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(
            OrdersService.anyPending(pending.orders().getProvisioningStatus(CUSTOMER_ID, orderId)))
        .isTrue();
    assertThat(pending
            .orders()
            .waitForProvisioning(
                CUSTOMER_ID,
                orderId,
                ProvisioningWaitOptions.builder()
                    .initialInterval(Duration.ofMillis(1))
                    .maxInterval(Duration.ofMillis(2))
                    .timeout(Duration.ofMinutes(1))
                    .build(),
                RequestOptions.defaults())
            .items())
        .extracting(OrderLineItemProvisioningStatus::status)
        .containsExactly(ProvisioningStatus.FULFILLED);
    assertThat(fake.ordersOf(cart.id())).singleElement().satisfies(order -> {
      assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
      assertThat(order.lineItems()).extracting(OrderLineItem::subscriptionId).doesNotContainNull();
    });
    pending.close();
  }

  @Test
  void theTestDataIsWhatTheServiceAnswers() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, cart.id());

    assertThat(cart.toBuilder()
            .id(TestData.CART_ID)
            .creationTimestamp(null)
            .lastModifiedTimestamp(null)
            .expirationTimestamp(null)
            .links(null)
            .build())
        .isEqualTo(TestData.cart().toBuilder()
            .creationTimestamp(null)
            .lastModifiedTimestamp(null)
            .expirationTimestamp(null)
            .links(null)
            .build());
    Order order = result.orders().get(0);
    assertThat(order.toBuilder()
            .id(TestData.ORDER_ID)
            .alternateId(TestData.ORDER_ID)
            .creationDate(null)
            .links(null)
            .build())
        .isEqualTo(TestData.order().toBuilder().creationDate(null).links(null).build());
    assertThat(TestData.partialCheckoutResult().orderErrors())
        .singleElement()
        .satisfies(error -> assertThat(error.code()).isEqualTo(800020));
  }
}
