package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;

/**
 * IDs and base URLs that a URL would not carry as given, add-ons nested deeper than Partner Center
 * models, a cart body naming another cart and null arguments are refused before anything is sent;
 * messages read as sentences; the JSON a script reads keeps its empty arrays.
 */
class InputChecksTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  private static final String CART_ID = ResponseMappingTest.CART_ID;
  private static final String OTHER_CART_ID = OperationsOnTheWireTest.CART_ID;
  /** IDs that UTF-8 cannot carry as given: each has a lone surrogate, sent as '?'. */
  private static final List<String> LONE_SURROGATES =
      List.of("\uD800", "o-\uDC00", "\uDBFFo", "\uDC00\uD800");

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("checks-test-token")
        .build();
  }

  @Test
  void dotSegmentsAreNotOrderIdsAndNothingIsSent() {
    try (PartnerCenterClient client = client()) {
      for (String id : List.of(".", "..")) {
        assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, id))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId must be an ID")
            .hasMessageContaining("got '" + id + "'");
        assertThatThrownBy(() -> client
                .orders()
                .getProvisioningStatusAsync(CUSTOMER_ID, id, RequestOptions.defaults()))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId");
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBaseUrlWithAColonAndNoPortIsRefused() {
    for (String url : List.of("http://127.0.0.1:", "http://127.0.0.1:/", "https://[::1]:")) {
      assertThatThrownBy(() -> PartnerCenterClient.builder().baseUrl(url))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl must name its port");
    }
    PartnerCenterClient.builder().baseUrl("http://127.0.0.1:4010");
    PartnerCenterClient.builder().baseUrl("http://user:pass@127.0.0.1:4010/api");
    PartnerCenterClient.builder().baseUrl("https://[::1]/");
  }

  @Test
  void adviceAfterADescriptionThatEndsASentenceHasOnePeriod() {
    server.enqueue(Scripted.json(
        403,
        "{\"code\":900329,\"description\":\"This resource does not support application-only"
            + " authentication.\"}"));
    try (PartnerCenterClient client = client()) {
      assertThatThrownBy(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, "o-1"))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("application-only authentication. Order provisioning status")
          .message()
          .doesNotContain("..");
    }
  }

  @Test
  void emptyArraysAreWrittenOnlyWhereTheWriterAsks() throws Exception {
    OrderCollection none = OrderCollection.builder().totalCount(0).build();
    CartCheckoutResult clean = CartCheckoutResult.builder().build();
    var moshi = JsonSupport.newMoshi();

    assertThat(moshi.adapter(OrderCollection.class).toJson(none)).isEqualTo("{\"totalCount\":0}");
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonSupport.writeEmptyCollections(JsonWriter.of(buffer))) {
      writer.beginArray();
      moshi.adapter(OrderCollection.class).toJson(writer, none);
      moshi.adapter(CartCheckoutResult.class).toJson(writer, clean);
      writer.endArray();
    }
    assertThat(buffer.readUtf8())
        .isEqualTo("[{\"totalCount\":0,\"items\":[]},{\"orders\":[],\"orderErrors\":[]}]");
  }

  private static Cart cart(Consumer<CartLineItem.Builder> change) {
    return OperationsOnTheWireTest.cart(change);
  }

  /** A line item with {@code depth} levels of add-on items below it, one per level. */
  private static CartLineItem nested(int depth) {
    CartLineItem item = null;
    for (int level = 0; level <= depth; level++) {
      item = CartLineItem.builder()
          .catalogItemId("91FD106F-4B2C-4938-95AC-F54F74E9A239")
          .quantity(1)
          .billingCycle(BillingCycleType.MONTHLY)
          .addonItems(item == null ? null : List.of(item))
          .build();
    }
    return item;
  }

  @Test
  void idsWithALoneSurrogateAreRefusedAndNothingIsSent() {
    try (PartnerCenterClient client = client()) {
      for (String id : LONE_SURROGATES) {
        String escaped = id.chars()
            .mapToObj(c -> Character.isSurrogate((char) c)
                ? String.format("\\u%04X", c)
                : String.valueOf((char) c))
            .reduce("", String::concat);
        assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, id))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId")
            .hasMessageContaining(escaped);
        assertThatThrownBy(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, id))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId");
        assertThatThrownBy(() -> client
                .orders()
                .waitForProvisioningAsync(
                    CUSTOMER_ID, id, ProvisioningWaitOptions.defaults(), RequestOptions.defaults()))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId");
        assertThatThrownBy(() -> client.carts().get(CUSTOMER_ID, id))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cartId");
        assertThatThrownBy(
                () -> client.carts().create(CUSTOMER_ID, cart(line -> line.catalogItemId(id))))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[0].catalogItemId")
            .hasMessageContaining(escaped);
        assertThatThrownBy(() -> client
                .carts()
                .update(
                    CUSTOMER_ID,
                    CART_ID,
                    cart(line -> line.addonItems(
                        List.of(nested(0).toBuilder().catalogItemId(id).build())))))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[0].addonItems[0].catalogItemId");
        assertThatThrownBy(() -> client
                .carts()
                .create(
                    CUSTOMER_ID,
                    cart(line ->
                        line.promotionId(id).provisioningContext(Map.of("scope", "shared")))))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[0].promotionId");
        assertThatThrownBy(() -> client
                .carts()
                .create(
                    CUSTOMER_ID,
                    cart(line -> line.provisioningContext(Map.of("subscriptionId", id)))))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[0].provisioningContext.subscriptionId");
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void addOnItemsOfAnAddOnItemAreRefusedByTheirPathHoweverDeep() {
    try (PartnerCenterClient client = client()) {
      // One level of add-ons is what Partner Center models: accepted.
      assertThat(client
              .carts()
              .previewCreate(
                  CUSTOMER_ID,
                  Cart.builder().lineItems(List.of(nested(1))).build(),
                  RequestOptions.defaults())
              .method())
          .isEqualTo("POST");
      for (int depth : List.of(2, 300, 5_000)) {
        Cart cart = Cart.builder().lineItems(List.of(nested(0), nested(depth))).build();
        assertThatThrownBy(() -> client.carts().create(CUSTOMER_ID, cart))
            .as("add-ons %d deep", depth)
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[1].addonItems[0].addonItems")
            .hasMessageContaining("one level");
        assertThatThrownBy(() -> client.carts().update(CUSTOMER_ID, CART_ID, cart))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.lineItems[1].addonItems[0].addonItems");
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUpdateWhoseBodyNamesAnotherCartIsRefused() {
    try (PartnerCenterClient client = client()) {
      for (String bodyId : List.of(OTHER_CART_ID, "not-a-cart-id")) {
        Cart other = cart(line -> {}).toBuilder().id(bodyId).build();
        assertThatThrownBy(() -> client.carts().update(CUSTOMER_ID, CART_ID, other))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cart.id")
            .hasMessageContaining(bodyId)
            .hasMessageContaining(CART_ID);
      }
      // The same cart ID in another case names the same cart.
      Cart same = cart(line -> {}).toBuilder()
          .id(CART_ID.toUpperCase(java.util.Locale.ROOT))
          .build();
      assertThat(
              client.carts().previewUpdate(CUSTOMER_ID, CART_ID, same, RequestOptions.defaults()))
          .isNotNull();
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNullOptionsOrParamsArgumentIsNamedAsTheJavadocNamesIt() throws Exception {
    Map<Class<?>, String> messages = Map.of(
        RequestOptions.class,
        "options (RequestOptions) must not be null; use RequestOptions.defaults()",
        CheckoutParams.class,
        "params (CheckoutParams) must not be null; use CheckoutParams.none()",
        OrderListParams.class,
        "params (OrderListParams) must not be null; use OrderListParams.none()",
        OrderGetParams.class,
        "params (OrderGetParams) must not be null; use OrderGetParams.none()",
        ProvisioningWaitOptions.class,
        "wait (ProvisioningWaitOptions) must not be null; use ProvisioningWaitOptions.defaults()");
    Map<Class<?>, Object> valid = Map.of(
        String.class, CUSTOMER_ID,
        Cart.class, cart(line -> {}),
        boolean.class, false,
        int.class, 0,
        RequestOptions.class, RequestOptions.defaults(),
        CheckoutParams.class, CheckoutParams.none(),
        OrderListParams.class, OrderListParams.none(),
        OrderGetParams.class, OrderGetParams.none(),
        ProvisioningWaitOptions.class, ProvisioningWaitOptions.defaults());
    int checked = 0;
    try (PartnerCenterClient client = client()) {
      for (Object service : List.of(client.carts(), client.orders())) {
        for (Method method : service.getClass().getMethods()) {
          if (method.getDeclaringClass() != service.getClass()
              || Modifier.isStatic(method.getModifiers())) {
            continue;
          }
          Class<?>[] types = method.getParameterTypes();
          for (int i = 0; i < types.length; i++) {
            if (!messages.containsKey(types[i])) {
              continue;
            }
            Object[] args = new Object[types.length];
            for (int j = 0; j < types.length; j++) {
              args[j] = j == i ? null : valid.get(types[j]);
            }
            Throwable thrown;
            try {
              method.invoke(service, args);
              thrown = null;
            } catch (InvocationTargetException e) {
              thrown = e.getCause();
            }
            assertThat(thrown)
                .as("%s with a null %s", method, types[i].getSimpleName())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(messages.get(types[i]));
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("methods taking options or params").isGreaterThan(40);
    assertThat(server.getRequestCount()).isZero();
  }
}
