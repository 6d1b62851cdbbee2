package org.cspkit.partnercenter.testing;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful Partner Center checkout for MockWebServer. Like the service (Partner Center docs,
 * 2022+), it remembers every {@code MS-RequestId} and every cart it checked out, and checking out
 * a cart again returns the first result. It injects faults from a seeded random: on 5% of calls
 * it commits the orders and then drops the connection before answering; on 5% it answers 429
 * ({@code Retry-After: 0}), on 5% 503, both without committing. Thread-safe.
 */
public final class FakePartnerCenter extends Dispatcher {
  private static final Pattern CHECKOUT =
      Pattern.compile("/v1/customers/([0-9a-f-]{36})/carts/([0-9a-f-]{36})/checkout");

  /** The order set created for a cart, and the request that created it. */
  public record OrderSet(String orderId, String requestId) {}

  private final Random random;
  private final Map<String, OrderSet> ordersByCart = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> orderSetsCreatedByCart = new ConcurrentHashMap<>();
  private final Map<String, String> cartByRequestId = new ConcurrentHashMap<>();
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
    Matcher path = CHECKOUT.matcher(request.getUrl().encodedPath());
    String requestId = request.getHeaders().get("MS-RequestId");
    if (!"POST".equals(request.getMethod()) || !path.matches() || requestId == null) {
      return json(400, "{\"code\":800002,\"description\":\"Invalid request input.\"}");
    }
    String cartId = path.group(2);
    cartByRequestId.putIfAbsent(requestId, cartId);
    double roll;
    synchronized (random) {
      roll = random.nextDouble();
    }
    if (roll < 0.05) {
      throttled.incrementAndGet();
      return new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
          .body("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}").build();
    }
    if (roll < 0.10) {
      unavailable.incrementAndGet();
      return json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Try again later.\"}");
    }
    boolean[] created = new boolean[1];
    OrderSet orders = ordersByCart.computeIfAbsent(cartId, cart -> {
      created[0] = true;
      orderSetsCreatedByCart.computeIfAbsent(cart, c -> new AtomicInteger()).incrementAndGet();
      return new OrderSet("order-" + cart.substring(0, 8) + "-" + requests.get(), requestId);
    });
    MockResponse answer = json(created[0] ? 201 : 200, "{\"orders\":[{\"id\":\"" + orders.orderId()
        + "\",\"status\":\"pending\",\"lineItems\":[]}],\"orderErrors\":[]}");
    if (roll < 0.15) {
      dropsAfterCommit.incrementAndGet();
      return answer.newBuilder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    }
    return answer;
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

  public int distinctRequestIds() {
    return cartByRequestId.size();
  }
}
