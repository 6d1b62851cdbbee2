package org.cspkit.partnercenter.test;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartError;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.CollectionLinks;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderError;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemLinks;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.ProvisioningStatus;

/**
 * The fake's carts and orders, and the seven operations on them ({@link Operation}), for requests that passed the
 * fake's checks. Not thread-safe: {@link FakePartnerCenter} calls it under its lock.
 */
final class FakeStore {
  private final int pendingProvisioningReads;
  private final JsonAdapter<Cart> cartJson;
  private final JsonAdapter<CartCheckoutResult> checkoutJson;
  private final JsonAdapter<Order> orderJson;
  private final JsonAdapter<OrderCollection> ordersJson;
  private final JsonAdapter<OrderProvisioningStatusCollection> provisioningJson;

  private final Map<String, StoredCart> carts = new LinkedHashMap<>();
  private final Map<String, String> cartByCreateRequestId = new HashMap<>();
  private final Map<String, StoredOrder> orders = new LinkedHashMap<>();

  private static final class StoredCart {
    final String customerId;
    Cart cart;
    String checkoutRequestId;
    CartCheckoutResult result;
    final List<String> orderIds = new ArrayList<>();

    StoredCart(String customerId, Cart cart) {
      this.customerId = customerId;
      this.cart = cart;
    }
  }

  private static final class StoredOrder {
    final String customerId;
    Order order;
    int reads;

    StoredOrder(String customerId, Order order) {
      this.customerId = customerId;
      this.order = order;
    }
  }

  FakeStore(int pendingProvisioningReads) {
    this.pendingProvisioningReads = pendingProvisioningReads;
    Moshi moshi = JsonSupport.newMoshi();
    this.cartJson = moshi.adapter(Cart.class);
    this.checkoutJson = moshi.adapter(CartCheckoutResult.class);
    this.orderJson = moshi.adapter(Order.class);
    this.ordersJson = moshi.adapter(OrderCollection.class);
    this.provisioningJson = moshi.adapter(OrderProvisioningStatusCollection.class);
  }

  List<Cart> carts() {
    return carts.values().stream().map(stored -> stored.cart).toList();
  }

  Optional<Cart> cart(String cartId) {
    StoredCart stored = carts.get(cartId.toLowerCase(Locale.ROOT));
    return stored == null ? Optional.empty() : Optional.of(stored.cart);
  }

  List<Order> orders() {
    return orders.values().stream().map(stored -> stored.order).toList();
  }

  List<Order> ordersOf(String cartId) {
    StoredCart stored = carts.get(cartId.toLowerCase(Locale.ROOT));
    return stored == null
        ? List.of()
        : stored.orderIds.stream().map(id -> orders.get(id).order).toList();
  }

  /**
   * Runs an operation.
   *
   * @param pathParameters the values of the path's parameters by name: {@code customer-id}, and
   *     {@code cart-id} or {@code order-id} where the operation has one
   * @param fault the fault the request took, which may shape the answer ({@link
   *     Fault.Kind#LINE_ITEM_ERROR}, {@link Fault.Kind#PARTIAL_CHECKOUT}), or null
   */
  MockResponse run(
      Operation operation,
      Map<String, String> pathParameters,
      RecordedRequest request,
      String requestId,
      Fault fault) {
    String customerId = pathParameters.get("customer-id");
    String id = pathParameters.getOrDefault("cart-id", pathParameters.get("order-id"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return switch (operation) {
      case CREATE_CART -> createCart(customerId, request, requestId, fault, now);
      case GET_CART -> {
        StoredCart stored = cartOf(customerId, id);
        yield stored == null ? cartNotFound(id) : Answers.json(200, cartJson.toJson(stored.cart));
      }
      case UPDATE_CART -> updateCart(customerId, id, request, fault, now);
      case CHECKOUT_CART -> checkout(customerId, id, requestId, fault, now);
      case GET_ORDER -> {
        StoredOrder stored = orderOf(customerId, id);
        yield stored == null
            ? Answers.documented(20000)
            : Answers.json(200, orderJson.toJson(read(stored)));
      }
      case LIST_ORDERS -> listOrders(customerId, request.getUrl().queryParameter("billingType"));
      case GET_ORDER_PROVISIONING_STATUS -> {
        StoredOrder stored = orderOf(customerId, id);
        if (stored == null) {
          yield Answers.documented(800007);
        }
        Order order = read(stored);
        yield Answers.json(
            200,
            provisioningJson.toJson(TestData.provisioningStatus(
                order,
                OrderStatus.COMPLETED.equals(order.status())
                    ? ProvisioningStatus.FULFILLED
                    : ProvisioningStatus.PREFULFILLMENT_PENDING)));
      }
    };
  }

  private MockResponse createCart(
      String customerId,
      RecordedRequest request,
      String requestId,
      Fault fault,
      OffsetDateTime now) {
    String existing = requestId == null ? null : cartByCreateRequestId.get(requestId);
    if (existing != null) {
      return Answers.json(201, cartJson.toJson(carts.get(existing).cart));
    }
    Cart body = parseCart(request);
    if (body == null || body.lineItems().isEmpty()) {
      return Answers.documented(800002);
    }
    String cartId = UUID.randomUUID().toString();
    Cart created = TestData.created(customerId, cartId, body, now);
    Cart cart =
        created.toBuilder().lineItems(flagged(created.lineItems(), fault)).build();
    carts.put(cartId, new StoredCart(customerId, cart));
    if (requestId != null) {
      cartByCreateRequestId.put(requestId, cartId);
    }
    return Answers.json(201, cartJson.toJson(cart));
  }

  private MockResponse updateCart(
      String customerId, String cartId, RecordedRequest request, Fault fault, OffsetDateTime now) {
    StoredCart stored = cartOf(customerId, cartId);
    if (stored == null) {
      return cartNotFound(cartId);
    }
    if (CartStatus.ORDERED.equals(stored.cart.status())) {
      return Answers.apiFault(
          400, 800065, "Cart " + cartId + " was already submitted and can no longer be updated.");
    }
    Cart body = parseCart(request);
    if (body == null || body.lineItems().isEmpty()) {
      return Answers.documented(800002);
    }
    stored.cart = stored.cart.toBuilder()
        .lineItems(flagged(TestData.grouped(body.lineItems()), fault))
        .partnerOnRecordAttestationAccepted(body.partnerOnRecordAttestationAccepted())
        .lastModifiedTimestamp(now)
        .build();
    return Answers.json(201, cartJson.toJson(stored.cart));
  }

  /** The lines, with the error of a {@link Fault.Kind#LINE_ITEM_ERROR} fault on its line. */
  private static List<CartLineItem> flagged(List<CartLineItem> lines, Fault fault) {
    if (fault == null || fault.kind() != Fault.Kind.LINE_ITEM_ERROR) {
      return lines;
    }
    CartError error = CartError.builder()
        .errorCode(fault.details().code())
        .errorDescription(fault.details().description())
        .build();
    return lines.stream()
        .map(line -> fault.details().lineItemId().equals(line.id())
            ? line.toBuilder().error(error).build()
            : line)
        .toList();
  }

  private MockResponse checkout(
      String customerId, String cartId, String requestId, Fault fault, OffsetDateTime now) {
    StoredCart stored = cartOf(customerId, cartId);
    if (stored == null) {
      return cartNotFound(cartId);
    }
    if (stored.result != null) {
      return requestId != null && requestId.equals(stored.checkoutRequestId)
          ? Answers.json(200, checkoutJson.toJson(stored.result))
          : Answers.documented(800065);
    }
    if (stored.cart.lineItems().stream().anyMatch(line -> line.error() != null)) {
      return Answers.documented(800009);
    }
    List<String> failed = fault != null && fault.kind() == Fault.Kind.PARTIAL_CHECKOUT
        ? fault.details().orderGroups()
        : List.of();
    Map<String, List<CartLineItem>> groups = new LinkedHashMap<>();
    for (CartLineItem line : stored.cart.lineItems()) {
      groups.computeIfAbsent(line.orderGroup(), group -> new ArrayList<>()).add(line);
    }
    List<Order> created = new ArrayList<>();
    List<OrderError> errors = new ArrayList<>();
    for (Map.Entry<String, List<CartLineItem>> group : groups.entrySet()) {
      if (failed.contains(group.getKey())) {
        errors.add(OrderError.builder()
            .orderGroupId(group.getKey())
            .code(fault.details().code())
            .description(fault.details().description())
            .build());
        continue;
      }
      String orderId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      Order order = TestData.order(customerId, orderId, group.getValue(), now);
      orders.put(orderId, new StoredOrder(customerId, order));
      stored.orderIds.add(orderId);
      created.add(order);
    }
    stored.result =
        TestData.checkoutResult(created).toBuilder().orderErrors(errors).build();
    stored.checkoutRequestId = requestId;
    stored.cart = stored.cart.toBuilder()
        .status(CartStatus.ORDERED)
        .lastModifiedTimestamp(now)
        .build();
    return Answers.json(201, checkoutJson.toJson(stored.result));
  }

  private MockResponse listOrders(String customerId, String billingType) {
    List<Order> found = new ArrayList<>();
    for (StoredOrder stored : orders.values()) {
      if (stored.customerId.equalsIgnoreCase(customerId)
          && (billingType == null
              || (stored.order.billingCycle() != null
                  && normalized(stored.order.billingCycle().value())
                      .equals(normalized(billingType))))) {
        found.add(stored.order);
      }
    }
    return Answers.json(
        200,
        ordersJson.toJson(OrderCollection.builder()
            .totalCount(found.size())
            .items(found)
            .links(CollectionLinks.builder()
                .self(TestData.link("/customers/" + customerId + "/orders", "GET"))
                .build())
            .attributes(TestData.attributes("Collection"))
            .build()));
  }

  /** {@code one_time}, {@code OneTime} and {@code onetime} alike. */
  private static String normalized(String billingCycle) {
    return billingCycle.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** Counts a read of an order, and provisions it once it has been read often enough. */
  private Order read(StoredOrder stored) {
    stored.reads++;
    if (stored.reads > pendingProvisioningReads
        && OrderStatus.PENDING.equals(stored.order.status())) {
      List<OrderLineItem> lines = new ArrayList<>();
      for (OrderLineItem line : stored.order.lineItems()) {
        String subscriptionId = UUID.randomUUID().toString();
        lines.add(line.toBuilder()
            .subscriptionId(subscriptionId)
            .links(OrderLineItemLinks.builder()
                .subscription(TestData.link(
                    "/customers/" + stored.customerId + "/subscriptions/" + subscriptionId, "GET"))
                .build())
            .build());
      }
      stored.order = stored.order.toBuilder()
          .status(OrderStatus.COMPLETED)
          .lineItems(lines)
          .build();
    }
    return stored.order;
  }

  private StoredCart cartOf(String customerId, String cartId) {
    StoredCart stored = carts.get(cartId.toLowerCase(Locale.ROOT));
    return stored != null && stored.customerId.equalsIgnoreCase(customerId) ? stored : null;
  }

  private StoredOrder orderOf(String customerId, String orderId) {
    StoredOrder stored = orders.get(orderId);
    return stored != null && stored.customerId.equalsIgnoreCase(customerId) ? stored : null;
  }

  /** The request's cart, or null when it does not decode (the checks before let few through). */
  private Cart parseCart(RecordedRequest request) {
    try {
      return request.getBody() == null
          ? null
          : cartJson.fromJson(request.getBody().utf8());
    } catch (IOException | JsonDataException | NullPointerException e) {
      return null;
    }
  }

  private static MockResponse cartNotFound(String cartId) {
    return Answers.apiFault(404, 800008, "Unable to retrieve cart ID " + cartId + ".");
  }
}
