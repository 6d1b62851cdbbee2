package org.cspkit.partnercenter.testing;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful Partner Center for MockWebServer: create a cart, check it out, read an order. Like
 * the service, it treats {@code MS-RequestId} as the idempotency key of a call: creating a cart
 * again with the same request ID returns the same cart, and (Partner Center docs, 2022+) checking
 * out a cart again returns the first result. A cart's purchase is told apart by its first line
 * item's {@code friendlyName}. It injects faults from a seeded random into every create and
 * checkout: on 5% of calls it commits (the cart, the orders) and then drops the connection before
 * answering; on 5% it answers 429 ({@code Retry-After: 0}), on 5% 503, both without committing.
 * Thread-safe.
 */
public final class FakePartnerCenter extends Dispatcher {
  private static final Pattern CHECKOUT =
      Pattern.compile("/v1/customers/([0-9a-f-]{36})/carts/([0-9a-f-]{36})/checkout");
  private static final Pattern CARTS = Pattern.compile("/v1/customers/([0-9a-f-]{36})/carts");
  private static final Pattern ORDER =
      Pattern.compile("/v1/customers/([0-9a-f-]{36})/orders/([^/]+)");
  private static final Pattern FRIENDLY_NAME = Pattern.compile("\"friendlyName\":\"([^\"]*)\"");

  /** The order set created for a cart, and the request that created it. */
  public record OrderSet(String orderId, String requestId) {}

  private final Random random;
  private final Map<String, OrderSet> ordersByCart = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> orderSetsCreatedByCart = new ConcurrentHashMap<>();
  private final Map<String, String> cartByRequestId = new ConcurrentHashMap<>();
  private final Map<String, String> createdCartByRequestId = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> cartsCreatedByPurchase = new ConcurrentHashMap<>();
  private final Map<String, String> purchaseByCart = new ConcurrentHashMap<>();
  private final Map<String, String> cartByPurchase = new ConcurrentHashMap<>();
  private final Map<String, String> cartByOrder = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger dropsAfterCommit = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger unavailable = new AtomicInteger();

  /**
   * Creates the fake.
   *
   * @param seed the seed of the fault injection
   */
  public FakePartnerCenter(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.incrementAndGet();
    String path = request.getUrl().encodedPath();
    String requestId = request.getHeaders().get("MS-RequestId");
    Matcher checkout = CHECKOUT.matcher(path);
    Matcher carts = CARTS.matcher(path);
    Matcher order = ORDER.matcher(path);
    if (requestId == null) {
      return json(400, "{\"code\":800002,\"description\":\"Invalid request input.\"}");
    }
    if ("POST".equals(request.getMethod()) && checkout.matches()) {
      return checkout(checkout.group(2), requestId);
    }
    if ("POST".equals(request.getMethod()) && carts.matches()) {
      return createCart(request.getBody() == null ? "" : request.getBody().utf8(), requestId);
    }
    if ("GET".equals(request.getMethod()) && order.matches()) {
      String cartId = cartByOrder.get(order.group(2));
      return cartId == null
          ? json(404, "{\"code\":20000,\"description\":\"Order ID not found.\"}")
          : json(200, orderJson(ordersByCart.get(cartId).orderId()));
    }
    return json(400, "{\"code\":800002,\"description\":\"Invalid request input.\"}");
  }

  /** A fault for this call, or null to go on; counts it. */
  private MockResponse fault(double roll) {
    if (roll < 0.05) {
      throttled.incrementAndGet();
      return new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
          .body("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}").build();
    }
    if (roll < 0.10) {
      unavailable.incrementAndGet();
      return json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Try again later.\"}");
    }
    return null;
  }

  private double roll() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  /** A committed answer, whose connection drops before it is sent on a roll under 0.15. */
  private MockResponse maybeDropped(MockResponse answer, double roll) {
    if (roll < 0.15) {
      dropsAfterCommit.incrementAndGet();
      return answer.newBuilder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    }
    return answer;
  }

  private MockResponse createCart(String body, String requestId) {
    double roll = roll();
    MockResponse fault = fault(roll);
    if (fault != null) {
      return fault;
    }
    Matcher name = FRIENDLY_NAME.matcher(body);
    String purchase = name.find() ? name.group(1) : "";
    boolean[] created = new boolean[1];
    String cartId = createdCartByRequestId.computeIfAbsent(requestId, id -> {
      created[0] = true;
      return UUID.randomUUID().toString();
    });
    if (created[0]) {
      purchaseByCart.put(cartId, purchase);
      cartByPurchase.putIfAbsent(purchase, cartId);
      cartsCreatedByPurchase.computeIfAbsent(purchase, p -> new AtomicInteger())
          .incrementAndGet();
    }
    return maybeDropped(json(201, "{\"id\":\"" + cartId + "\",\"status\":\"Active\","
        + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
        + "\"quantity\":1,\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\","
        + "\"friendlyName\":\"" + purchase + "\",\"orderGroup\":\"0\"}]}"), roll);
  }

  private static String orderJson(String orderId) {
    return "{\"id\":\"" + orderId + "\",\"status\":\"pending\",\"lineItems\":[]}";
  }

  private MockResponse checkout(String cartId, String requestId) {
    cartByRequestId.putIfAbsent(requestId, cartId);
    double roll = roll();
    MockResponse fault = fault(roll);
    if (fault != null) {
      return fault;
    }
    boolean[] created = new boolean[1];
    OrderSet orders = ordersByCart.computeIfAbsent(cartId, cart -> {
      created[0] = true;
      orderSetsCreatedByCart.computeIfAbsent(cart, c -> new AtomicInteger()).incrementAndGet();
      OrderSet set = new OrderSet("order-" + cart.substring(0, 8) + "-" + requests.get(),
          requestId);
      cartByOrder.put(set.orderId(), cart);
      return set;
    });
    return maybeDropped(json(created[0] ? 201 : 200, "{\"orders\":[" + orderJson(orders.orderId())
        + "],\"orderErrors\":[]}"), roll);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  /** The orders created for a cart, or null. */
  public OrderSet orders(String cartId) {
    return ordersByCart.get(cartId);
  }

  /** How many order sets were created for a cart (more than 1 is a duplicate). */
  public int orderSetsCreated(String cartId) {
    AtomicInteger count = orderSetsCreatedByCart.get(cartId);
    return count == null ? 0 : count.get();
  }

  /** Carts with more than one order set. */
  public long duplicates() {
    return orderSetsCreatedByCart.values().stream().filter(count -> count.get() > 1).count();
  }

  /** How many carts were created for a purchase (more than 1 is a duplicate cart). */
  public int cartsCreated(String purchase) {
    AtomicInteger count = cartsCreatedByPurchase.get(purchase);
    return count == null ? 0 : count.get();
  }

  /** Purchases with more than one cart. */
  public long duplicateCarts() {
    return cartsCreatedByPurchase.values().stream().filter(count -> count.get() > 1).count();
  }

  /** The cart created for a purchase, or null. */
  public String cartOf(String purchase) {
    return cartByPurchase.get(purchase);
  }

  public int requests() {
    return requests.get();
  }

  public int dropsAfterCommit() {
    return dropsAfterCommit.get();
  }

  public int throttled() {
    return throttled.get();
  }

  public int unavailable() {
    return unavailable.get();
  }

  /** Distinct {@code MS-RequestId}s of checkouts and cart creations. */
  public int distinctRequestIds() {
    return cartByRequestId.size() + createdCartByRequestId.size();
  }
}
