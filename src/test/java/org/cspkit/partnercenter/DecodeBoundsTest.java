package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.testing.OutsideTheContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounds on what a decoded result may hold: numbers of bounded length and scale (a huge
 * number must be rejected quickly, not parsed for a minute or handed to the caller), and arrays
 * and maps without {@code null} in them. A 2xx body that breaks them is undecodable, with the
 * checkout possibly done.
 */
@Timeout(30)
class DecodeBoundsTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String MILLION_DIGITS = "9".repeat(1_000_000);

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** A valid order whose {@code totalPrice} is {@code price}, as JSON. */
  static String order(String price) {
    return """
        {"id":"a68736758d9c","billingCycle":"monthly","status":"pending","currencyCode":"USD",
         "totalPrice":%s,
         "lineItems":[{"lineItemNumber":0,"offerId":"CFQ7TTC0LF8S:0001:CFQ7TTC0N81H",
           "transactionType":"New","quantity":1,"provisioningContext":{"scope":"tenant"},
           "pricing":{"listPrice":12.5,"price":10.0}}]}""".formatted(price);
  }

  static String result(String orders) {
    return "{\"orders\":[" + orders + "],\"orderErrors\":[]}";
  }

  private PartnerCenterClient client() {
    return ResponseMappingTest.clientFor(server); // RetryOptions.NONE
  }

  /** Serves {@code body} with a 201 and returns what the checkout throws. */
  private UndecodableResponseException undecodable201(String body) {
    ResponseMappingTest.enqueueJson(server, 201, body);
    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));
    assertThat(e).as("undecodable").isNotNull();
    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
    return e;
  }

  private BigDecimal decodedPrice(String price) {
    ResponseMappingTest.enqueueJson(server, 201, result(order(price)));
    return client().carts().checkout(CUSTOMER_ID, CART_ID).orders().get(0).totalPrice();
  }

  @Test
  void aMillionDigitPriceIsUndecodableAndNotQuotedInFull() {
    UndecodableResponseException e = undecodable201(result(order(MILLION_DIGITS)));

    assertThat(e.getMessage())
        .contains("at most " + JsonSupport.MAX_NUMBER_CHARS + " characters")
        .contains("(1000000 characters)")
        .contains("$.orders[0].totalPrice")
        .hasSizeLessThan(1_000);
    assertThat(e).hasRootCauseInstanceOf(JsonDataException.class);
  }

  @Test
  void aMillionDigitQuantityIsUndecodableAndNotQuotedInFull() {
    UndecodableResponseException e = undecodable201(
        result(order("1").replace("\"quantity\":1", "\"quantity\":" + MILLION_DIGITS)));

    assertThat(e.getMessage()).contains("$.orders[0].lineItems[0].quantity").hasSizeLessThan(1_000);
  }

  @Test
  void aPriceWithAHugeExponentIsUndecodable() {
    UndecodableResponseException e = undecodable201(result(order("1e999999999")));

    assertThat(e.getMessage())
        .contains("'1e999999999'")
        .contains("$.orders[0].totalPrice")
        .contains(JsonSupport.MIN_SCALE + ".." + JsonSupport.MAX_SCALE);
  }

  @Test
  void aPriceWithAHugeNegativeExponentIsUndecodable() {
    assertThat(undecodable201(result(order("1e-999999999"))).getMessage())
        .contains("'1e-999999999'");
  }

  @Test
  void anExponentBeyondTheIntRangeIsOutOfRangeRatherThanNotANumber() {
    assertThat(undecodable201(result(order("-1e99999999999999999999"))).getMessage())
        .contains("scale")
        .contains("$.orders[0].totalPrice");
  }

  @Test
  void pricesDecodeExactlyUpToTheLimits() {
    assertThat(decodedPrice("123.4500"))
        .isEqualTo(new BigDecimal("123.4500"))
        .extracting(BigDecimal::scale)
        .isEqualTo(4);
    assertThat(decodedPrice("1E+2").toPlainString()).isEqualTo("100");
    assertThat(decodedPrice("1e100").scale()).isEqualTo(JsonSupport.MIN_SCALE);
    assertThat(decodedPrice("1e-100").scale()).isEqualTo(JsonSupport.MAX_SCALE);
    String hundredChars = "1." + "0".repeat(JsonSupport.MAX_NUMBER_CHARS - 2);
    assertThat(decodedPrice(hundredChars)).isEqualByComparingTo("1");
  }

  @Test
  void justBeyondTheLimitsIsUndecodable() {
    ResponseMappingTest.enqueueJson(server, 201, result(order("1e101")));
    ResponseMappingTest.enqueueJson(server, 201, result(order("1e-101")));
    ResponseMappingTest.enqueueJson(
        server, 201, result(order("1." + "0".repeat(JsonSupport.MAX_NUMBER_CHARS - 1))));
    PartnerCenterClient client = client();

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, CART_ID))
          .isInstanceOf(UndecodableResponseException.class)
          .hasMessageContaining("$.orders[0].totalPrice");
    }
  }

  @Test
  void longsAreBoundedToo() throws Exception {
    // No model has an int64 yet; this is the adapter a new one would get.
    JsonAdapter<Long> adapter = JsonSupport.newMoshi().adapter(Long.class);

    assertThatThrownBy(() -> adapter.fromJson(MILLION_DIGITS))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("(1000000 characters)");
    assertThatThrownBy(() -> adapter.fromJson("1e999999999")).isInstanceOf(JsonDataException.class);
    assertThat(adapter.fromJson("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(adapter.fromJson("3e2")).isEqualTo(300L);
  }

  @OutsideTheContract("a null element in orders")
  @Test
  void aNullOrderIsUndecodable() {
    UndecodableResponseException e = undecodable201(result(order("10.5") + ",null"));

    assertThat(e.getMessage()).contains("orders must not contain null").contains("$.orders[1]");
  }

  @OutsideTheContract("null elements and values in a line item")
  @Test
  void aNullLineItemPartnerIdOrProvisioningValueIsUndecodable() {
    ResponseMappingTest.enqueueJson(
        server, 201, result(order("1").replace("\"lineItems\":[", "\"lineItems\":[null,")));
    ResponseMappingTest.enqueueJson(
        server,
        201,
        result(order("1")
            .replace(
                "\"quantity\":1",
                "\"quantity\":1,\"additionalPartnerIdsOnRecord\":[\"123\",null]")));
    ResponseMappingTest.enqueueJson(
        server, 201, result(order("1").replace("{\"scope\":\"tenant\"}", "{\"scope\":null}")));
    PartnerCenterClient client = client();

    for (String expected : List.of(
        "lineItems must not contain null",
        "additionalPartnerIdsOnRecord must not contain null",
        "provisioningContext must not contain null values")) {
      UndecodableResponseException e = catchThrowableOfType(
          UndecodableResponseException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
      assertThat(e.getMessage()).contains(expected);
      assertThat(e.mayHaveSucceeded()).isTrue();
    }
  }

  @OutsideTheContract("orderErrors is null")
  @Test
  void missingOrNullArraysAreStillEmptyAndTheResultIsUnmodifiable() {
    ResponseMappingTest.enqueueJson(
        server,
        201,
        "{\"orders\":[" + order("1").replace("\"lineItems\":[", "\"unknown\":[")
            + "],\"orderErrors\":null}");

    CartCheckoutResult result = client().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orderErrors()).isSameAs(List.of());
    assertThat(result.orders().get(0).lineItems()).isSameAs(List.of());
    assertThatThrownBy(() -> result.orders().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anErrorBodyMayHoldNullInItsFreeFormData() {
    // ApiFault.data is "items: {}": any JSON value, null included, so it is no reason to lose
    // the 400's type.
    ResponseMappingTest.enqueueJson(
        server,
        400,
        "{\"code\":800002,\"description\":\"Cart already submitted.\",\"data\":[null,\"x\"]}");

    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.errorData()).containsExactly(null, "x");
  }

  @Test
  void aRecordBuiltInCodeWithANullElementFailsNamingTheProperty() {
    Order order = new Order(
        "o-1", null, null, null, null, List.of(), null, null, null, null, null, null, null, null,
        null);
    List<Order> withNull = Arrays.asList(order, null);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("scope", null);

    assertThatThrownBy(() -> new CartCheckoutResult(withNull, List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("orders must not contain null");
    assertThatThrownBy(() -> new OrderLineItem(
            0, null, null, null, null, 1, null, null, null, null, nullValue, null, null, null, null,
            null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("provisioningContext must not contain null");
    assertThat(new CartCheckoutResult(List.of(order), null, null).orders()).containsExactly(order);
  }
}
