package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.ProvisioningStatus;
import org.cspkit.partnercenter.testing.PreferClients;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cart and order operations against Prism serving the spec: each operation's examples decode
 * into the models a user reads, and its error examples become the exception of their status with
 * the service's code and the request IDs the client sent. Prism validates every request (a
 * request it flags fails the test), and the contract validator checks all traffic.
 */
@ExtendWith(PrismExtension.class)
class PrismOperationsTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "3655b1a0-b1c9-4268-9824-577fdbc4d0be";
  static final String ORDER_ID = "3c6f2530-1e31-4088-8230-dd1c31a18bce";

  private final PreferClients clients = new PreferClients();

  @AfterEach
  void requestsMatchedTheSpec() {
    clients.assertNone();
  }

  /** A client whose requests carry {@code Prefer}, Prism's way to pick a response. */
  private PartnerCenterClient client(PrismServer prism, String prefer) {
    return clients.client(prism, prefer);
  }

  static Cart oneLine() {
    return Cart.builder()
        .lineItems(List.of(CartLineItem.builder()
            .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
            .quantity(2)
            .billingCycle(BillingCycleType.MONTHLY)
            .termDuration("P1Y")
            .build()))
        .build();
  }

  /** The error a call made with {@code prefer} throws, with the IDs the client sent. */
  private <E extends PartnerCenterException> E failure(
      Class<E> type,
      PrismServer prism,
      String prefer,
      java.util.function.BiConsumer<PartnerCenterClient, RequestOptions> call) {
    UUID requestId = UUID.randomUUID();
    UUID correlationId = UUID.randomUUID();
    RequestOptions options = RequestOptions.builder()
        .requestId(requestId)
        .correlationId(correlationId)
        .build();
    E e = catchThrowableOfType(type, () -> call.accept(client(prism, prefer), options));
    assertThat(e).as("the call with Prefer: %s", prefer).isNotNull();
    assertThat(e.requestId()).isEqualTo(requestId.toString());
    assertThat(e.correlationId()).isEqualTo(correlationId.toString());
    assertThat(e.attempts()).hasSize(1);
    return e;
  }

  @Test
  void createCartReturnsTheDocumentationsCartWithItsOrderGroups(PrismServer prism) {
    Cart cart = client(prism, null).carts().create(CUSTOMER_ID, oneLine());

    assertThat(cart.id()).isEqualTo(CART_ID);
    assertThat(cart.status()).isEqualTo(CartStatus.ACTIVE);
    assertThat(cart.lineItems())
        .extracting(CartLineItem::orderGroup)
        .containsExactly("OMS-0", "0", "0", "0", "1", "2");
    assertThat(cart.lineItems().get(5).renewsTo().termDuration()).isEqualTo("P1Y");
    assertThat(cart.lineItemsWithErrors()).isEmpty();
  }

  @Test
  void aCartWithALineItemErrorIsAResultWhoseErrorsAreEasyToFind(PrismServer prism) {
    Cart cart =
        client(prism, "example=cartWithLineItemError").carts().create(CUSTOMER_ID, oneLine());

    List<CartLineItem> problems = cart.lineItemsWithErrors();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).error().errorCode()).isEqualTo(400039);
    assertThat(problems.get(0).error().errorDescription()).contains("does not support term ''");
  }

  @Test
  void getAndUpdateCartDecodeTheirExamples(PrismServer prism) {
    Cart read = client(prism, "example=orderedCart").carts().get(CUSTOMER_ID, CART_ID);
    assertThat(read.status()).isEqualTo(CartStatus.ORDERED);

    Cart updated = client(prism, "code=201")
        .carts()
        // Prism's example names its own cart: the update replaces that one, as a real one would.
        .update(
            CUSTOMER_ID,
            read.id(),
            read.toBuilder().lineItems(oneLine().lineItems()).build());
    assertThat(updated.id()).isNotBlank();
    assertThat(updated.lineItems())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.quantity()).isPositive());
  }

  @Test
  void cartErrorsBecomeTheExceptionsOfTheirStatus(PrismServer prism) {
    NotFoundException notFound = failure(
        NotFoundException.class,
        prism,
        "code=404",
        (client, options) -> client.carts().get(CUSTOMER_ID, CART_ID, options));
    assertThat(notFound.errorCode()).hasValue(800008);

    BadRequestException lineErrors = failure(
        BadRequestException.class,
        prism,
        "code=400, example=cartItemErrors",
        (client, options) -> client.carts().create(CUSTOMER_ID, oneLine(), options));
    assertThat(lineErrors.errorCode()).hasValue(800009);
    assertThat(lineErrors.mayHaveSucceeded()).isFalse();

    BadRequestException ordered = failure(
        BadRequestException.class,
        prism,
        "code=400, example=cartAlreadyOrdered",
        (client, options) -> client.carts().update(CUSTOMER_ID, CART_ID, oneLine(), options));
    assertThat(ordered.errorCode()).hasValue(800065);

    ThrottledException throttled = failure(
        ThrottledException.class,
        prism,
        "code=429",
        (client, options) -> client.carts().create(CUSTOMER_ID, oneLine(), options));
    assertThat(throttled.retryAfter()).isPresent();
    assertThat(throttled.errorDescription()).contains("Rate limit is exceeded");

    ServerErrorException unavailable = failure(
        ServerErrorException.class,
        prism,
        "code=503",
        (client, options) -> client.carts().get(CUSTOMER_ID, CART_ID, options));
    assertThat(unavailable.errorCodeText()).hasValue("ServiceUnavailable");
  }

  @Test
  void getOrderDecodesCheckoutsFirstOrder(PrismServer prism) {
    Order order = client(prism, null).orders().get(CUSTOMER_ID, ORDER_ID);

    assertThat(order.id()).isEqualTo(ORDER_ID);
    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.billingCycle()).isEqualTo(BillingCycleType.MONTHLY);
    assertThat(order.lineItems()).hasSize(1);
    assertThat(order.links().provisioningStatus().uri()).endsWith("/provisioningstatus");

    Order reserved = client(prism, "example=reservedInstanceOrder")
        .orders()
        .get(
            CUSTOMER_ID,
            "YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1",
            OrderGetParams.builder().includePrice(true).build(),
            RequestOptions.defaults());
    assertThat(reserved.id()).isEqualTo("YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1");
    assertThat(reserved.billingCycle()).isEqualTo(BillingCycleType.ONE_TIME);
  }

  @Test
  void listOrdersDecodesTheCollection(PrismServer prism) {
    OrderCollection orders = client(prism, null)
        .orders()
        .list(
            CUSTOMER_ID,
            OrderListParams.builder()
                .billingType(BillingCycleType.ONE_TIME)
                .includePrice(true)
                .build(),
            RequestOptions.defaults());

    assertThat(orders.items()).extracting(Order::id).contains("9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1");
    assertThat(orders.totalCount()).isEqualTo(orders.items().size());
  }

  @Test
  void orderErrorsBecomeTheExceptionsOfTheirStatus(PrismServer prism) {
    NotFoundException notFound = failure(
        NotFoundException.class,
        prism,
        "code=404",
        (client, options) ->
            client.orders().get(CUSTOMER_ID, ORDER_ID, OrderGetParams.none(), options));
    assertThat(notFound.errorCode()).hasValue(20000);

    NotFoundException noStatus = failure(
        NotFoundException.class,
        prism,
        "code=404",
        (client, options) -> client.orders().getProvisioningStatus(CUSTOMER_ID, ORDER_ID, options));
    assertThat(noStatus.errorCode()).hasValue(800007);
  }

  @Test
  void provisioningStatusDecodesAndSaysWhenALineIsPending(PrismServer prism) {
    OrderProvisioningStatusCollection done =
        client(prism, null).orders().getProvisioningStatus(CUSTOMER_ID, ORDER_ID);
    assertThat(done.items()).hasSize(1);
    assertThat(done.items().get(0).status()).isEqualTo(ProvisioningStatus.FULFILLED);
    assertThat(done.anyPending()).isFalse();

    OrderProvisioningStatusCollection pending = client(prism, "example=lineStillPending")
        .orders()
        .getProvisioningStatus(CUSTOMER_ID, ORDER_ID);
    assertThat(pending.anyPending()).isTrue();
  }

  @Test
  void provisioningStatusRefusedToAnAppOnlyTokenSaysItNeedsAppPlusUser(PrismServer prism) {
    ForbiddenException forbidden = failure(
        ForbiddenException.class,
        prism,
        "code=403, example=appOnlyToken",
        (client, options) -> client.orders().getProvisioningStatus(CUSTOMER_ID, ORDER_ID, options));
    assertThat(forbidden.getMessage()).contains("accepts only app+user access tokens");

    AuthenticationException unauthorized = failure(
        AuthenticationException.class,
        prism,
        "code=401",
        (client, options) -> client.orders().getProvisioningStatus(CUSTOMER_ID, ORDER_ID, options));
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.getMessage()).contains("accepts only app+user access tokens");

    ForbiddenException otherOperation = failure(
        ForbiddenException.class,
        prism,
        "code=403",
        (client, options) ->
            client.orders().get(CUSTOMER_ID, ORDER_ID, OrderGetParams.none(), options));
    assertThat(otherOperation.getMessage()).doesNotContain("app+user");
  }
}
