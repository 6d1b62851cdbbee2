package org.cspkit.partnercenter.test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartLinks;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.LineItemTransactionType;
import org.cspkit.partnercenter.model.Link;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderError;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderLinks;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.OrderTransactionType;
import org.cspkit.partnercenter.model.ProvisioningStatus;
import org.cspkit.partnercenter.model.QuantityProvisioningInformation;
import org.cspkit.partnercenter.model.ResourceAttributes;

/**
 * Realistic, valid models for tests, after the OpenAPI document's new-commerce examples: the cart
 * you send, the cart Partner Center answers, the order and checkout result it creates, and
 * provisioning statuses. Each method returns a new value; change it with {@code toBuilder()}:
 *
 * <pre>{@code
 * Cart tenSeats = TestData.newCart().toBuilder()
 *     .lineItems(List.of(TestData.lineItem().toBuilder().quantity(10).build()))
 *     .build();
 * }</pre>
 *
 * <p>The values are fixed (IDs, timestamps), so tests that compare them are repeatable.
 */
public final class TestData {
  /** A customer (tenant) ID: the documentation's {@code d6bf25b7-…}. */
  public static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";

  /** A new-commerce catalog item ID (product:SKU:availability), from the create-a-cart example. */
  public static final String CATALOG_ITEM_ID = "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5";

  /** The cart ID of {@link #cart()}. */
  public static final String CART_ID = "2517c51b-58cd-4abe-87ed-3ab812401ab4";

  /** The order ID of {@link #order()}: opaque, not a GUID, as Partner Center's often are. */
  public static final String ORDER_ID = "a68736758d9c";

  private static final OffsetDateTime CREATED = OffsetDateTime.parse("2023-07-11T21:16:11.55149Z");

  private TestData() {}

  /**
   * One line item to send: {@link #CATALOG_ITEM_ID}, 1 seat, billed monthly, a one-year term.
   *
   * @return a new line item
   */
  public static CartLineItem lineItem() {
    return CartLineItem.builder()
        .id(0)
        .catalogItemId(CATALOG_ITEM_ID)
        .quantity(1)
        .billingCycle(BillingCycleType.MONTHLY)
        .termDuration("P1Y")
        .build();
  }

  /**
   * The body of a create-cart request: {@link #lineItem()} alone.
   *
   * @return a new cart without ID
   */
  public static Cart newCart() {
    return Cart.builder().lineItems(List.of(lineItem())).build();
  }

  /**
   * The cart Partner Center answers for {@link #newCart()}: ID {@link #CART_ID}, timestamps (it
   * expires 7 days after creation), status {@code Active}, the line in order group {@code 0},
   * currency {@code USD}.
   *
   * @return a new cart
   */
  public static Cart cart() {
    return created(CUSTOMER_ID, CART_ID, newCart(), CREATED);
  }

  /**
   * The order a checkout of {@link #cart()} creates: ID {@link #ORDER_ID}, status {@code
   * pending}, one line for {@link #CATALOG_ITEM_ID}, with its self and provisioning-status links.
   *
   * @return a new order
   */
  public static Order order() {
    return order(CUSTOMER_ID, ORDER_ID, cart().lineItems(), CREATED.plusSeconds(60));
  }

  /**
   * A checkout result with {@link #order()} and no order errors.
   *
   * @return a new checkout result
   */
  public static CartCheckoutResult checkoutResult() {
    return checkoutResult(List.of(order()));
  }

  /**
   * A partial success: {@link #order()}, and order group {@code 1} failed with 800020 (the
   * catalog item is not eligible for purchase). Still a 201.
   *
   * @return a new checkout result
   */
  public static CartCheckoutResult partialCheckoutResult() {
    return checkoutResult().toBuilder()
        .orderErrors(List.of(OrderError.builder()
            .orderGroupId("1")
            .code(800020)
            .description(
                "The catalog item DG7GMGF0DWM3:0002:DG7GMGF0DT1M is not eligible for purchase.")
            .build()))
        .build();
  }

  /**
   * The provisioning status of every line of {@code order}, each with all its quantity in {@code
   * status}.
   *
   * @param order the order
   * @param status the status of each line, such as {@link ProvisioningStatus#FULFILLED} or
   *     {@link ProvisioningStatus#PREFULFILLMENT_PENDING}
   * @return a new collection
   */
  public static OrderProvisioningStatusCollection provisioningStatus(
      Order order, ProvisioningStatus status) {
    List<OrderLineItemProvisioningStatus> items = new ArrayList<>();
    for (OrderLineItem line : order.lineItems()) {
      items.add(OrderLineItemProvisioningStatus.builder()
          .lineItemNumber(line.lineItemNumber())
          .orderLineItemId(line.lineItemNumber())
          .status(status)
          .quantityProvisioningInformation(List.of(QuantityProvisioningInformation.builder()
              .quantity(line.quantity())
              .status(status)
              .build()))
          .build());
    }
    return OrderProvisioningStatusCollection.builder()
        .totalCount(items.size())
        .items(items)
        .attributes(attributes("Collection"))
        .build();
  }

  /** {@code request} as Partner Center creates it: ID, timestamps, status, order groups. */
  static Cart created(String customerId, String cartId, Cart request, OffsetDateTime now) {
    return request.toBuilder()
        .id(cartId)
        .creationTimestamp(now)
        .lastModifiedTimestamp(now)
        .expirationTimestamp(now.plusDays(7))
        .lastModifiedUser("9db12087-fbc3-481c-8965-73d44ff88e27")
        .status(CartStatus.ACTIVE)
        .lineItems(grouped(request.lineItems()))
        .links(CartLinks.builder()
            .self(link("/customers/" + customerId + "/carts/" + cartId, "GET"))
            .build())
        .attributes(attributes("Cart"))
        .build();
  }

  /**
   * The lines as the service stores them: an ID where none was sent, currency {@code USD}, and an
   * order group per billing cycle ({@code 0}, {@code 1}, … in order of appearance).
   */
  static List<CartLineItem> grouped(List<CartLineItem> lines) {
    List<BillingCycleType> cycles = new ArrayList<>();
    List<CartLineItem> stored = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      CartLineItem line = lines.get(i);
      if (!cycles.contains(line.billingCycle())) {
        cycles.add(line.billingCycle());
      }
      stored.add(line.toBuilder()
          .id(line.id() != null ? line.id() : i)
          .currencyCode("USD")
          .orderGroup(String.valueOf(cycles.indexOf(line.billingCycle())))
          .error(null)
          .pricing(null)
          .build());
    }
    return stored;
  }

  /** A pending order for {@code lines} (one order group). */
  static Order order(
      String customerId, String orderId, List<CartLineItem> lines, OffsetDateTime now) {
    List<OrderLineItem> items = new ArrayList<>();
    for (CartLineItem line : lines) {
      items.add(OrderLineItem.builder()
          .lineItemNumber(items.size())
          .offerId(line.catalogItemId())
          .friendlyName(line.friendlyName())
          .quantity(line.quantity())
          .termDuration(line.termDuration())
          .transactionType(LineItemTransactionType.NEW)
          .provisioningContext(line.provisioningContext())
          .renewsTo(line.renewsTo())
          .attestationAccepted(line.attestationAccepted())
          .promotionId(line.promotionId())
          .customTermEndDate(line.customTermEndDate())
          .build());
    }
    String self = "/customers/" + customerId + "/orders/" + orderId;
    return Order.builder()
        .id(orderId)
        .alternateId(orderId)
        .referenceCustomerId(customerId)
        .billingCycle(lines.isEmpty() ? null : lines.get(0).billingCycle())
        .transactionType(OrderTransactionType.USER_PURCHASE)
        .lineItems(items)
        .currencyCode("USD")
        .currencySymbol("$")
        .creationDate(now)
        .status(OrderStatus.PENDING)
        .links(OrderLinks.builder()
            .self(link(self, "GET"))
            .provisioningStatus(link(self + "/provisioningstatus", "GET"))
            .build())
        .attributes(attributes("Order"))
        .build();
  }

  static CartCheckoutResult checkoutResult(List<Order> orders) {
    return CartCheckoutResult.builder()
        .orders(orders)
        .attributes(attributes("CartCheckoutResult"))
        .build();
  }

  static Link link(String uri, String method) {
    return Link.builder().uri(uri).method(method).build();
  }

  static ResourceAttributes attributes(String objectType) {
    return ResourceAttributes.builder().objectType(objectType).build();
  }
}
