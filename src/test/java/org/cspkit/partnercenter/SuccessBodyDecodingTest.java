package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.LineItemTransactionType;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.testing.OutsideTheContract;
import org.junit.jupiter.api.Test;

/**
 * How a success body becomes a result, with the bodies Prism cannot make: what Partner Center
 * sends although the spec does not describe it (a byte-order mark, unknown enum values and fields,
 * date-times without an offset) decodes at once, and a body that is no result (an HTML page,
 * truncated or empty JSON, the wrong shape, an impossible date) is an {@link
 * UndecodableResponseException}, never a success.
 */
class SuccessBodyDecodingTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ResponseMappingTest.clientFor(server);
  }

  private void enqueue(int code, String body) {
    ResponseMappingTest.enqueueJson(server, code, body);
  }

  @OutsideTheContract("a UTF-8 byte-order mark before the JSON")
  @Test
  void aLeadingByteOrderMarkIsTolerated() {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(new Buffer()
            .write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
            .writeUtf8(ONE_ORDER))
        .build());

    CartCheckoutResult result = client().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).extracting(Order::id).containsExactly("a68736758d9c");
    assertThat(server.getRequestCount()).as("decoded at once, not retried").isEqualTo(1);
  }

  @OutsideTheContract("unknown enum values")
  @Test
  void unknownEnumValuesAndUnknownFieldsDecode() {
    enqueue(201, """
        {"orders":[{"id":"o-1","billingCycle":"quadrennial","status":"pending customer signature",
          "transactionType":"SystemPurchase","recordType":"Single","client":{"name":"x"},
          "lineItems":[{"lineItemNumber":0,"transactionType":"NEW","quantity":3,
            "futureField":[1,2,3]}]}],
         "newTopLevelField":{"nested":true}}""");

    CartCheckoutResult result = client().carts().checkout(CUSTOMER_ID, CART_ID);

    Order order = result.orders().get(0);
    assertThat(order.billingCycle().value()).isEqualTo("quadrennial");
    assertThat(order.billingCycle().isKnown()).isFalse();
    assertThat(order.billingCycle()).isNotEqualTo(BillingCycleType.MONTHLY);
    assertThat(order.status().value()).isEqualTo("pending customer signature");
    assertThat(order.status().isKnown()).isFalse();
    // Known values match whatever their case on the wire.
    assertThat(order.lineItems().get(0).transactionType()).isSameAs(LineItemTransactionType.NEW);
    assertThat(order.lineItems().get(0).quantity()).isEqualTo(3);
    // A missing array is empty, never null.
    assertThat(result.orderErrors()).isEmpty();
    assertThat(OrderStatus.fromString("Pending")).isSameAs(OrderStatus.PENDING);
    assertThat(server.getRequestCount()).as("decoded at once, not retried").isEqualTo(1);
  }

  @Test
  void anHtmlPageWithA200IsNotMistakenForASuccess() {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/html")
        .body("<html>Sign in to the proxy</html>")
        .build());

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.bodyExcerpt()).contains("Sign in to the proxy");
  }

  @Test
  void truncatedJsonIsAnUndecodableResponse() {
    enqueue(201, ONE_ORDER.substring(0, ONE_ORDER.length() / 2));

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void anEmptyOrWronglyShapedSuccessBodyIsAnUndecodableResponse() {
    enqueue(201, "");
    enqueue(201, "null");
    enqueue(201, "[]");
    enqueue(201, "{\"orders\":[{\"creationDate\":\"yesterday\"}]}");
    PartnerCenterClient client = client();

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, CART_ID))
          .isInstanceOf(UndecodableResponseException.class)
          .hasMessageStartingWith(
              "Partner Center returned 201 with a body that could not be decoded");
    }
  }

  @OutsideTheContract("date-times without an offset, as Partner Center sends them")
  @Test
  void dateTimesDecodeInEveryShapePartnerCenterSends() {
    enqueue(201, """
        {"orders":[
          {"id":"a","creationDate":"2019-01-16T00:48:44.76+00:00"},
          {"id":"b","creationDate":"2019-01-16T00:48:51.6578126Z"},
          {"id":"c","creationDate":"0001-01-01T00:00:00"},
          {"id":"d","creationDate":"2023-04-18T22:03:45-05:30"},
          {"id":"e","creationDate":"2023-04-18T22:03:45.123456789+14:00"},
          {"id":"f","creationDate":"2023-04-18t22:03:45Z"}]}""");

    CartCheckoutResult result = client().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders())
        .extracting(order -> order.creationDate())
        .containsExactly(
            java.time.OffsetDateTime.parse("2019-01-16T00:48:44.76+00:00"),
            java.time.OffsetDateTime.parse("2019-01-16T00:48:51.6578126Z"),
            java.time.OffsetDateTime.parse("0001-01-01T00:00:00Z"),
            java.time.OffsetDateTime.parse("2023-04-18T22:03:45-05:30"),
            java.time.OffsetDateTime.parse("2023-04-18T22:03:45.123456789+14:00"),
            java.time.OffsetDateTime.parse("2023-04-18T22:03:45Z"));
  }

  @Test
  void anImpossibleDateIsAnUndecodableResponse() {
    enqueue(201, "{\"orders\":[{\"id\":\"a\",\"creationDate\":\"2019-13-45T99:99:99Z\"}]}");

    assertThatThrownBy(() -> client().carts().checkout(CUSTOMER_ID, CART_ID))
        .isInstanceOf(UndecodableResponseException.class)
        .hasMessageContaining("creationDate");
  }
}
