package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;

/**
 * A model read and written with the public JSON is what the client reads and sends: the same
 * dates, open enums, refusals of a property named twice, and request bodies.
 */
class PartnerCenterJsonTest {
  private static final String CUSTOMER_ID = OperationsOnTheWireTest.CUSTOMER_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCartWrittenIsTheBodyTheClientSendsForIt() throws Exception {
    Cart cart = OperationsOnTheWireTest.cart(line -> line.friendlyName("Z\u00fcrich seats"));
    Scripted.serve(server, null, Scripted.json(201, OperationsOnTheWireTest.CART));
    try (PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("json-test-token")
        .build()) {
      client.carts().create(CUSTOMER_ID, cart);
    }
    RecordedRequest request = server.takeRequest();

    assertThat(PartnerCenterJson.write(Cart.class, cart))
        .isEqualTo(request.getBody().utf8());
    assertThat(PartnerCenterJson.read(Cart.class, utf8(PartnerCenterJson.write(Cart.class, cart))))
        .isEqualTo(cart);
  }

  @Test
  void datesOfSevenDigitsAndValuesTheClientDoesNotKnowAreRead() throws Exception {
    Cart cart = PartnerCenterJson.read(
        Cart.class,
        utf8("\uFEFF{\"creationTimestamp\":\"2024-05-01T10:20:30.1234567\",\"lineItems\":[{"
            + "\"catalogItemId\":\"X\",\"quantity\":1,\"billingCycle\":\"quarterly\"}]}"));

    assertThat(cart.creationTimestamp())
        .isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 20, 30, 123_456_700, ZoneOffset.UTC));
    assertThat(cart.lineItems().get(0).billingCycle().value()).isEqualTo("quarterly");
    assertThat(PartnerCenterJson.write(Cart.class, cart))
        .contains("\"billingCycle\":\"quarterly\"");
  }

  @Test
  void whatIsNotOneValueOfTheTypeIsRefusedSayingWhere() {
    List<String> bad = List.of(
        "",
        "null",
        "{\"id\":\"a\",\"id\":\"b\"}",
        "{\"lineItems\":[{\"quantity\":\"many\"}]}",
        "{\"lineItems\":[{\"quantity\":" + "9".repeat(PartnerCenterJson.MAX_NUMBER_CHARS + 1)
            + "}]}",
        "{\"id\":\"a\"} {}",
        "{\"id\":");
    for (String json : bad) {
      assertThatThrownBy(() -> PartnerCenterJson.read(Cart.class, utf8(json)))
          .as(json)
          .isInstanceOf(IOException.class)
          .hasMessageNotContaining("Exception");
    }
    assertThatThrownBy(
            () -> PartnerCenterJson.read(Cart.class, utf8("{\"id\":\"a\",\"id\":\"b\"}")))
        .hasMessageContaining("id");
    assertThatThrownBy(() ->
            PartnerCenterJson.read(Cart.class, utf8("{\"lineItems\":[{\"quantity\":\"many\"}]}")))
        .hasMessageContaining("$.lineItems[0].quantity");
  }

  @Test
  void emptyArraysAreLeftOutOfBodiesAndWrittenWhereAWriterAsks() throws Exception {
    CartCheckoutResult none = CartCheckoutResult.builder().build();
    assertThat(PartnerCenterJson.write(CartCheckoutResult.class, none)).isEqualTo("{}");

    Buffer buffer = new Buffer();
    try (JsonWriter writer = PartnerCenterJson.writeEmptyCollections(JsonWriter.of(buffer))) {
      PartnerCenterJson.moshi().adapter(CartCheckoutResult.class).toJson(writer, none);
    }
    assertThat(buffer.readUtf8()).isEqualTo("{\"orders\":[],\"orderErrors\":[]}");
  }

  /** A class of a tool's own that holds models, read by reflection. */
  static final class Saved {
    String note;
    Order order;
  }

  @Test
  void aClassOfYourOwnHoldingModelsUsesTheirAdapters() throws Exception {
    JsonAdapter<Saved> adapter = PartnerCenterJson.moshi().adapter(Saved.class);
    Saved saved = PartnerCenterJson.read(
        adapter, utf8("{\"note\":\"n\",\"order\":" + OperationsOnTheWireTest.ORDER + "}"));

    assertThat(saved.order)
        .isEqualTo(PartnerCenterJson.read(Order.class, utf8(OperationsOnTheWireTest.ORDER)));
    assertThat(saved.order.id()).isEqualTo(OperationsOnTheWireTest.ORDER_ID);
    assertThatThrownBy(
            () -> PartnerCenterJson.read(adapter, utf8("{\"order\":{\"id\":\"a\",\"id\":\"b\"}}")))
        .isInstanceOf(IOException.class);
  }
}
