package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.Moshi;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.testing.OutsideTheContract;
import org.cspkit.partnercenter.testing.RequestLog;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cart and order operations on MockWebServer, one row per kind of operation: what goes on the
 * wire (path, query, body, headers), how a GET, a POST and a PUT are retried and what a lost
 * answer means for each, and the checks made before anything is sent. The contract validator
 * checks all traffic. The provisioning wait is in {@link ProvisioningWaitOnTheWireTest}.
 */
@Timeout(30)
class OperationsOnTheWireTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "3655b1a0-b1c9-4268-9824-577fdbc4d0be";
  static final String ORDER_ID = "YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1";
  static final String CART = "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\",\"lineItems\":"
      + "[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\",\"quantity\":2,"
      + "\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\",\"orderGroup\":\"0\"}]}";
  static final String ORDER = "{\"id\":\"" + ORDER_ID + "\",\"status\":\"pending\","
      + "\"billingCycle\":\"one_time\",\"lineItems\":[]}";
  static final String ONE_ORDER = "{\"orders\":[" + ORDER + "]}";
  static final RetryOptions FAST = FaultMatrixTest.FAST;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final RequestLog log = new RequestLog(server);

  private PartnerCenterClient client() {
    return WireFixtures.client(server);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, null, responses);
  }

  private static MockResponse json(int code, String body) {
    return Scripted.json(code, body);
  }

  /** The request answered, then the connection dropped before the response: a lost answer. */
  private static MockResponse lostAnswer() {
    return new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    return log.newRequests();
  }

  static Cart cart(Consumer<CartLineItem.Builder> change) {
    CartLineItem.Builder line = CartLineItem.builder()
        .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
        .quantity(2)
        .billingCycle(BillingCycleType.MONTHLY)
        .termDuration("P1Y");
    change.accept(line);
    return Cart.builder().lineItems(List.of(line.build())).build();
  }

  @Test
  void createCartSendsTheCartAsCamelCaseJsonWithoutTheFieldsLeftOut() throws Exception {
    serve(json(201, CART));

    Cart created = client().carts().create(CUSTOMER_ID, cart(line -> line.friendlyName("Seats")));

    assertThat(created.id()).isEqualTo(CART_ID);
    RecordedRequest request = requests().get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/customers/" + CUSTOMER_ID + "/carts");
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    Object body = new Moshi.Builder()
        .build()
        .adapter(Object.class)
        .fromJson(request.getBody().utf8());
    assertThat(body)
        .isEqualTo(Map.of(
            "lineItems",
            List.of(Map.of(
                "catalogItemId",
                "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5",
                "quantity",
                2.0,
                "billingCycle",
                "monthly",
                "termDuration",
                "P1Y",
                "friendlyName",
                "Seats"))));
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer wire-token");
    assertThat(request.getHeaders().get("MS-Contract-Version")).isEqualTo("v1");
    assertThat(request.getHeaders().get("X-Locale")).isEqualTo("en-US");
    assertThat(request.getHeaders().get("MS-RequestId")).isNotBlank();
    assertThat(request.getHeaders().get("MS-CorrelationId")).isNotBlank();
    assertThat(request.getHeaders().get("MS-PartnerCenter-Client"))
        .startsWith("partner-center-purchase/");
  }

  @Test
  void updateCartPutsTheWholeCartToItsPath() throws Exception {
    serve(json(201, CART));

    client().carts().update(CUSTOMER_ID, CART_ID, cart(line -> line.quantity(5)));

    RecordedRequest request = requests().get(0);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID);
    assertThat(request.getBody().utf8())
        .contains("\"quantity\":5")
        .doesNotContain("null")
        .doesNotContain("[]");
  }

  @Test
  void orderQueriesAreSentOnlyWhenAskedFor() throws Exception {
    serve(
        json(200, ORDER),
        json(200, ORDER),
        json(200, "{\"totalCount\":0,\"items\":[]}"),
        json(200, "{\"totalCount\":0,\"items\":[]}"));
    PartnerCenterClient client = client();

    client.orders().get(CUSTOMER_ID, ORDER_ID);
    client
        .orders()
        .get(
            CUSTOMER_ID,
            ORDER_ID,
            OrderGetParams.builder().includePrice(true).build(),
            RequestOptions.defaults());
    client.orders().list(CUSTOMER_ID);
    client
        .orders()
        .list(
            CUSTOMER_ID,
            OrderListParams.builder()
                .billingType(BillingCycleType.ONE_TIME)
                .includePrice(true)
                .build(),
            RequestOptions.defaults());

    List<RecordedRequest> requests = requests();
    assertThat(requests)
        .extracting(request -> request.getUrl().encodedPath()
            + (request.getUrl().encodedQuery() == null
                ? ""
                : "?" + request.getUrl().encodedQuery()))
        .containsExactly(
            "/v1/customers/" + CUSTOMER_ID + "/orders/" + ORDER_ID,
            "/v1/customers/" + CUSTOMER_ID + "/orders/" + ORDER_ID + "?include_price=true",
            "/v1/customers/" + CUSTOMER_ID + "/orders",
            "/v1/customers/" + CUSTOMER_ID + "/orders?billingType=one_time&include_price=true");
    assertThat(requests).allSatisfy(request -> assertThat(request.getMethod()).isEqualTo("GET"));
  }

  @Test
  void aGetIsRetriedAfterA503AndADroppedConnectionAndNeverMayHaveSucceeded() throws Exception {
    serve(json(503, "{}"), lostAnswer(), json(200, ORDER));

    Order order = client().orders().get(CUSTOMER_ID, ORDER_ID);

    assertThat(order.id()).isEqualTo(ORDER_ID);
    List<RecordedRequest> gets = requests();
    assertThat(gets)
        .hasSize(3)
        .extracting(r -> r.getHeaders().get("MS-RequestId"))
        .containsOnly(gets.get(0).getHeaders().get("MS-RequestId"));

    serve(lostAnswer(), lostAnswer(), lostAnswer(), lostAnswer());
    TransportException lost = catchThrowableOfType(
        TransportException.class, () -> client().carts().get(CUSTOMER_ID, CART_ID));
    assertThat(lost.attempts()).hasSize(4);
    assertThat(lost.mayHaveSucceeded()).isFalse();
  }

  @Test
  void aPostAndAPutAreRetriedWithTheSameRequestId() throws Exception {
    serve(json(503, "{}"), lostAnswer(), json(201, CART), json(500, "{}"), json(201, CART));
    PartnerCenterClient client = client();

    client.carts().create(CUSTOMER_ID, cart(line -> {}));
    List<RecordedRequest> creates = requests();
    client.carts().update(CUSTOMER_ID, CART_ID, cart(line -> {}));
    List<RecordedRequest> updates = requests();

    assertThat(creates)
        .hasSize(3)
        .extracting(r -> r.getHeaders().get("MS-RequestId"))
        .containsOnly(creates.get(0).getHeaders().get("MS-RequestId"));
    assertThat(creates)
        .extracting(r -> r.getBody().utf8())
        .containsOnly(creates.get(0).getBody().utf8());
    assertThat(updates)
        .hasSize(2)
        .extracting(r -> r.getHeaders().get("MS-RequestId"))
        .containsOnly(updates.get(0).getHeaders().get("MS-RequestId"))
        .doesNotContain(creates.get(0).getHeaders().get("MS-RequestId"));
  }

  @Test
  void aCreateCartWhoseAnswersAreLostMayHaveCreatedTheCart() throws Exception {
    serve(lostAnswer(), lostAnswer(), lostAnswer(), lostAnswer());

    TransportException e = catchThrowableOfType(
        TransportException.class, () -> client().carts().create(CUSTOMER_ID, cart(line -> {})));

    assertThat(requests()).hasSize(4);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.attempts())
        .allSatisfy(attempt -> assertThat(attempt.mayHaveSucceeded()).isTrue());
    assertThat(e.getMessage()).contains("may have succeeded");
  }

  @Test
  @OutsideTheContract("a 202, which the spec does not document for createCart")
  void anUndocumentedSuccessToAPostIsAnUnknownOutcome() throws Exception {
    serve(json(202, CART));

    OutcomeUnknownException e = catchThrowableOfType(
        OutcomeUnknownException.class,
        () -> client().carts().create(CUSTOMER_ID, cart(line -> {})));

    assertThat(e.operationId()).isEqualTo("createCart");
    assertThat(e.customerId()).isEqualTo(CUSTOMER_ID);
    assertThat(e.statusCode()).isEqualTo(202);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void checkoutRetriesA409With800064ButGetCartDoesNot() throws Exception {
    String busy =
        "{\"code\":800064,\"description\":\"Cart is being processed by another" + " request.\"}";
    serve(json(409, busy), json(201, ONE_ORDER));
    assertThat(client().carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    assertThat(requests()).hasSize(2);

    serve(json(409, busy), json(200, CART));
    ConflictException e = catchThrowableOfType(
        ConflictException.class, () -> client().carts().get(CUSTOMER_ID, CART_ID));
    assertThat(e.errorCode()).hasValue(800064);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsSent() {
    PartnerCenterClient client = client();
    CartsService carts = client.carts();

    assertThatThrownBy(() -> carts.create(CUSTOMER_ID, Cart.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems must hold at least one line item");
    assertThatThrownBy(() -> carts.create(CUSTOMER_ID, cart(line -> line.catalogItemId(" "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems[0].catalogItemId is required");
    assertThatThrownBy(() -> carts.create(CUSTOMER_ID, cart(line -> line.quantity(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems[0].quantity must be at least 1, got 0");
    assertThatThrownBy(() -> carts.create(CUSTOMER_ID, cart(line -> line.billingCycle(null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems[0].billingCycle is required");
    assertThatThrownBy(
            () -> carts.update(CUSTOMER_ID, CART_ID, cart(line -> line.termDuration("1 year"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems[0].termDuration must be an ISO-8601 duration");
    assertThatThrownBy(() -> carts.create(
            CUSTOMER_ID,
            cart(line -> line.addonItems(List.of(CartLineItem.builder()
                .catalogItemId("C94271D8-B431-4A25-A3C5-A57737A1C909")
                .quantity(0)
                .billingCycle(BillingCycleType.MONTHLY)
                .build())))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cart.lineItems[0].addonItems[0].quantity must be at least 1");
    assertThatThrownBy(() -> carts.create("contoso", cart(line -> {})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    assertThatThrownBy(() -> carts.get(CUSTOMER_ID, "not-a-cart"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartId");
    assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orderId");
    assertThatThrownBy(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orderId");

    assertThat(server.getRequestCount()).isZero();
  }
}
