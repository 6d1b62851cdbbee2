package org.cspkit.partnercenter.test;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.CollectionLinks;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemLinks;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.ProvisioningStatus;

/**
 * A stateful fake Partner Center on {@link MockWebServer}, for testing code that uses this
 * library without the service and without Node.js. It serves the seven operations of the OpenAPI
 * document (in the library's jar at {@value #SPEC_RESOURCE}) with answers that conform to it:
 *
 * <pre>{@code
 * try (FakePartnerCenter fake = FakePartnerCenter.start();
 *     PartnerCenterClient client = PartnerCenterClient.builder()
 *         .baseUrl(fake.baseUrl()).accessToken("any-token").build()) {
 *   fake.enqueueFault(Fault.throttled(Duration.ZERO).on(Operation.CHECKOUT_CART));
 *   Cart cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
 *   CartCheckoutResult result = client.carts().checkout(TestData.CUSTOMER_ID, cart.id());
 *   assertEquals(1, fake.ordersOf(cart.id()).size());
 * }
 * }</pre>
 *
 * <p>What it does, like the service:
 *
 * <ul>
 *   <li>Any bearer token is accepted; a request without one gets 401 (800001). A customer ID
 *       that is not a GUID gets 400 (2000).
 *   <li>{@code createCart} assigns a cart ID (a GUID), timestamps (expiry 7 days later), status
 *       {@code Active}, currency {@code USD} and order groups (one per billing cycle). It is
 *       idempotent per {@code MS-RequestId}: the same request ID returns the same cart. A cart
 *       without line items gets 400 (800002).
 *   <li>{@code getCart} and {@code updateCart} read and replace a cart of the same customer; an
 *       unknown cart gets 404 (800008), an update of a checked-out cart 400 (800065).
 *   <li>{@code checkoutCart} creates one {@code pending} order per order group and sets the cart
 *       {@code Ordered}. A retry with the same {@code MS-RequestId} gets the first result again
 *       (200); a checkout of an ordered cart with another request ID gets 400 (800065, already
 *       submitted). A cart with a line item error gets 400 (800009).
 *   <li>{@code getOrder}, {@code listOrders} (with its {@code billingType} filter) and {@code
 *       getOrderProvisioningStatus} read the orders; an order is provisioned (status {@code
 *       completed}, lines {@code fulfilled} with a subscription ID) at its first read, or after
 *       as many reads as {@link Builder#pendingProvisioningReads(int)} says. Prices are not
 *       simulated.
 *   <li>Every answer echoes {@code MS-RequestId} and {@code MS-CorrelationId} and carries an
 *       {@code MS-CV}.
 * </ul>
 *
 * <p>Faults: {@link #enqueueFault(Fault)} scripts the answer to the next matching request (429
 * with {@code Retry-After}, 503, a documented error code, a dropped connection before or after
 * the operation ran, an answer sent late after the operation ran); {@link Builder#randomFaults(long, double)} injects them at random from a
 * seed, for load tests. {@link #requests()} lists what was received and answered; {@link
 * #carts()} and {@link #orders()} what was created.
 *
 * <p>Thread-safe: requests are served concurrently and handled one at a time. {@link #close()}
 * stops the server.
 */
public final class FakePartnerCenter implements AutoCloseable {
  /**
   * Where the library's jar holds the OpenAPI document the fake follows, for a {@link
   * ClassLoader#getResource(String) class-path lookup}: {@value}.
   */
  public static final String SPEC_RESOURCE = "META-INF/openapi/partner-center-purchase.yaml";

  private static final String GUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}" + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern PATH = Pattern.compile(
      "/v1/customers/([^/]+)/(carts|orders)(?:/([^/]+)(?:/(checkout|provisioningstatus))?)?");
  private static final Pattern BEARER = Pattern.compile("(?i)Bearer +\\S+\\s*");

  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();
  private final Random random;
  private final double faultProbability;
  private final int pendingProvisioningReads;
  private final JsonAdapter<Cart> cartJson;
  private final JsonAdapter<CartCheckoutResult> checkoutJson;
  private final JsonAdapter<Order> orderJson;
  private final JsonAdapter<OrderCollection> ordersJson;
  private final JsonAdapter<OrderProvisioningStatusCollection> provisioningJson;

  // Guarded by lock.
  private final Deque<Fault> scripted = new ArrayDeque<>();
  private final List<ReceivedRequest> received = new ArrayList<>();
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

  /** An answer and what the request log says about it. */
  private record Answer(MockResponse response, int status, Fault fault) {
    Fault.Kind kind() {
      return fault == null ? null : fault.kind();
    }
  }

  private FakePartnerCenter(Builder builder) {
    this.random = builder.seed == null ? null : new Random(builder.seed);
    this.faultProbability = builder.faultProbability;
    this.pendingProvisioningReads = builder.pendingProvisioningReads;
    Moshi moshi = JsonSupport.newMoshi();
    this.cartJson = moshi.adapter(Cart.class);
    this.checkoutJson = moshi.adapter(CartCheckoutResult.class);
    this.orderJson = moshi.adapter(Order.class);
    this.ordersJson = moshi.adapter(OrderCollection.class);
    this.provisioningJson = moshi.adapter(OrderProvisioningStatusCollection.class);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return handle(request);
      }
    });
  }

  /**
   * Starts a fake with the defaults (no random faults, orders provisioned at their first read)
   * on a free port of the loopback address.
   *
   * @return the started fake; {@link #close()} it
   * @throws UncheckedIOException if the server cannot start
   */
  public static FakePartnerCenter start() {
    return builder().start();
  }

  /**
   * A builder for a fake with other settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a fake. Mutable and not thread-safe; {@link #start()} may be called again. */
  public static final class Builder {
    private Long seed;
    private double faultProbability;
    private int pendingProvisioningReads;

    private Builder() {}

    /**
     * Injects faults at random into {@code createCart}, {@code updateCart} and {@code
     * checkoutCart}, after the scripted ones: each request gets, with {@code probability} each,
     * a 429 ({@code Retry-After: 0}), a 503, or the operation followed by a dropped connection
     * ({@link Fault#dropAfterCommit()}). The same seed and the same order of requests give the
     * same faults.
     *
     * @param seed the seed
     * @param probability the probability of each of the three faults, from 0 to 1/3
     * @return this builder
     * @throws IllegalArgumentException if the probability is outside 0..1/3
     */
    public Builder randomFaults(long seed, double probability) {
      if (!(probability >= 0 && probability <= 1.0 / 3)) {
        throw new IllegalArgumentException("probability must be from 0 to 1/3: " + probability);
      }
      this.seed = seed;
      this.faultProbability = probability;
      return this;
    }

    /**
     * How many reads of an order ({@code getOrder} or {@code getOrderProvisioningStatus}) find
     * it still {@code pending} (lines {@code PrefulfillmentPending}) before it is provisioned.
     * Default 0: provisioned at the first read.
     *
     * @param reads the number of reads, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code reads} is negative
     */
    public Builder pendingProvisioningReads(int reads) {
      if (reads < 0) {
        throw new IllegalArgumentException("reads must not be negative: " + reads);
      }
      this.pendingProvisioningReads = reads;
      return this;
    }

    /**
     * Starts a fake with these settings on a free port of the loopback address.
     *
     * @return the started fake; {@link FakePartnerCenter#close()} it
     * @throws UncheckedIOException if the server cannot start
     */
    public FakePartnerCenter start() {
      FakePartnerCenter fake = new FakePartnerCenter(this);
      try {
        fake.server.start(InetAddress.getLoopbackAddress(), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the fake Partner Center", e);
      }
      return fake;
    }
  }

  /**
   * The base URL to give {@code PartnerCenterClient.builder().baseUrl(…)}, such as {@code
   * http://127.0.0.1:41234/}.
   *
   * @return the base URL, ending in {@code /}
   */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /**
   * Scripts a fault: the next request it applies to (any, or that of its {@link
   * Fault#operation() operation}) gets it. Faults are used in the order they were enqueued, each
   * once; a request takes the first one that applies to its operation. Requests refused before
   * (401 without a token, 400 for a customer ID that is not a GUID) take none.
   *
   * @param fault the fault
   * @return this fake
   */
  public FakePartnerCenter enqueueFault(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (lock) {
      scripted.add(fault);
    }
    return this;
  }

  /**
   * The scripted faults no request has taken yet.
   *
   * @return a snapshot, in order
   */
  public List<Fault> pendingFaults() {
    synchronized (lock) {
      return List.copyOf(scripted);
    }
  }

  /**
   * Every request received so far, in the order they were handled, with their answers.
   *
   * @return a snapshot
   */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /**
   * The requests of one operation received so far.
   *
   * @param operation the operation
   * @return a snapshot, in order
   */
  public List<ReceivedRequest> requests(Operation operation) {
    return requests().stream().filter(r -> r.operation() == operation).toList();
  }

  /**
   * The carts created so far, as they are now (an ordered cart has status {@code Ordered}), in
   * the order they were created.
   *
   * @return a snapshot
   */
  public List<Cart> carts() {
    synchronized (lock) {
      return carts.values().stream().map(stored -> stored.cart).toList();
    }
  }

  /**
   * A cart as it is now.
   *
   * @param cartId the cart ID
   * @return the cart, or empty when no such cart was created
   */
  public Optional<Cart> cart(String cartId) {
    synchronized (lock) {
      StoredCart stored = carts.get(cartId.toLowerCase(Locale.ROOT));
      return stored == null ? Optional.empty() : Optional.of(stored.cart);
    }
  }

  /**
   * The orders created so far, as they are now, in the order they were created.
   *
   * @return a snapshot
   */
  public List<Order> orders() {
    synchronized (lock) {
      return orders.values().stream().map(stored -> stored.order).toList();
    }
  }

  /**
   * The orders the checkout of a cart created, as they are now.
   *
   * @param cartId the cart ID
   * @return the orders; empty when the cart was not checked out or does not exist
   */
  public List<Order> ordersOf(String cartId) {
    synchronized (lock) {
      StoredCart stored = carts.get(cartId.toLowerCase(Locale.ROOT));
      return stored == null
          ? List.of()
          : stored.orderIds.stream().map(id -> orders.get(id).order).toList();
    }
  }

  /** Stops the server; requests in flight fail. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FakePartnerCenter[" + baseUrl() + "]";
  }

  private MockResponse handle(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    String requestId = request.getHeaders().get("MS-RequestId");
    String correlationId = request.getHeaders().get("MS-CorrelationId");
    Matcher matcher = PATH.matcher(path);
    Operation operation = matcher.matches() ? operation(method, matcher) : null;
    synchronized (lock) {
      Answer answer = answer(request, operation, matcher, requestId);
      received.add(new ReceivedRequest(
          method, path, operation, requestId, correlationId, answer.status(), answer.kind()));
      MockResponse.Builder response = answer
          .response()
          .newBuilder()
          .setHeader(
              "MS-RequestId", requestId != null ? requestId : UUID.randomUUID().toString())
          .setHeader(
              "MS-CorrelationId",
              correlationId != null ? correlationId : UUID.randomUUID().toString())
          .setHeader("MS-CV", Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".0");
      if (answer.kind() == Fault.Kind.DROP_AFTER_COMMIT
          || answer.kind() == Fault.Kind.DROP_BEFORE_COMMIT) {
        response.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
      } else if (answer.kind() == Fault.Kind.SLOW_ANSWER) {
        response.headersDelay(answer.fault().delay().toMillis(), TimeUnit.MILLISECONDS);
      }
      return response.build();
    }
  }

  private static Operation operation(String method, Matcher path) {
    boolean carts = "carts".equals(path.group(2));
    String id = path.group(3);
    String action = path.group(4);
    if (carts) {
      if (id == null) {
        return "POST".equals(method) ? Operation.CREATE_CART : null;
      }
      if ("checkout".equals(action)) {
        return "POST".equals(method) ? Operation.CHECKOUT_CART : null;
      }
      if (action != null) {
        return null;
      }
      return "GET".equals(method)
          ? Operation.GET_CART
          : "PUT".equals(method) ? Operation.UPDATE_CART : null;
    }
    if (!"GET".equals(method) || "checkout".equals(action)) {
      return null;
    }
    return id == null
        ? Operation.LIST_ORDERS
        : action == null ? Operation.GET_ORDER : Operation.GET_ORDER_PROVISIONING_STATUS;
  }

  private Answer answer(
      RecordedRequest request, Operation operation, Matcher path, String requestId) {
    if (operation == null) {
      return new Answer(
          apiFault(
              404,
              800002,
              "No such operation: " + request.getMethod() + " "
                  + request.getUrl().encodedPath()),
          404,
          null);
    }
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null || !BEARER.matcher(authorization).matches()) {
      MockResponse response = apiFault(
              401, 800001, "Partner token is missing in the request context.")
          .newBuilder()
          .setHeader(
              "WWW-Authenticate", "OAuth realm=urn:cpsvc:cpid:0c6c6e3b-f30a-4c8c-bc3c-56b3e45a2cd6")
          .build();
      return new Answer(response, 401, null);
    }
    String customerId = path.group(1);
    if (!customerId.matches(GUID)) {
      return new Answer(apiFault(400, 2000, "Tenant Id must be a GUID."), 400, null);
    }
    String id = path.group(3);
    boolean cartOperation = operation == Operation.GET_CART
        || operation == Operation.UPDATE_CART
        || operation == Operation.CHECKOUT_CART;
    if (cartOperation && !id.matches(GUID)) {
      return new Answer(apiFault(400, 800002, "Invalid request input."), 400, null);
    }

    Fault fault = nextFault(operation);
    if (fault != null && !fault.committed()) {
      return new Answer(faultResponse(fault), fault.status(), fault);
    }
    MockResponse response = run(operation, customerId, id, request, requestId);
    return new Answer(response, response.getCode(), fault);
  }

  /** The first scripted fault for this operation, else a random one, else null. */
  private Fault nextFault(Operation operation) {
    for (Iterator<Fault> it = scripted.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.appliesTo(operation)) {
        it.remove();
        return fault;
      }
    }
    if (random == null || !operation.changesState()) {
      return null;
    }
    double roll = random.nextDouble();
    if (roll < faultProbability) {
      return Fault.throttled(Duration.ZERO);
    }
    if (roll < 2 * faultProbability) {
      return Fault.serviceUnavailable();
    }
    if (roll < 3 * faultProbability) {
      return Fault.dropAfterCommit();
    }
    return null;
  }

  private MockResponse faultResponse(Fault fault) {
    return switch (fault.kind()) {
      case THROTTLED -> {
        long seconds = fault.retryAfterSeconds();
        yield json(
                429,
                write(writer -> writer
                    .beginObject()
                    .name("statusCode")
                    .value(429)
                    .name("message")
                    .value("Rate limit is exceeded. Try again in " + seconds + " seconds.")
                    .endObject()))
            .newBuilder()
            .setHeader("Retry-After", seconds)
            .build();
      }
      case SERVICE_UNAVAILABLE ->
        json(
            503,
            write(writer -> writer
                .beginObject()
                .name("code")
                .value("ServiceUnavailable")
                .name("description")
                .value("The service is temporarily unavailable. Try again later.")
                .name("data")
                .beginArray()
                .endArray()
                .name("source")
                .value("PartnerFD")
                .endObject()));
      case ERROR -> apiFault(fault.status(), fault.code(), fault.description());
      // DROP_BEFORE_COMMIT: the connection closes before this is sent
      default -> apiFault(503, 800003, "Unexpected service error.");
    };
  }

  private MockResponse run(
      Operation operation,
      String customerId,
      String id,
      RecordedRequest request,
      String requestId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return switch (operation) {
      case CREATE_CART -> createCart(customerId, request, requestId, now);
      case GET_CART -> {
        StoredCart stored = cartOf(customerId, id);
        yield stored == null ? cartNotFound(id) : json(200, cartJson.toJson(stored.cart));
      }
      case UPDATE_CART -> updateCart(customerId, id, request, now);
      case CHECKOUT_CART -> checkout(customerId, id, requestId, now);
      case GET_ORDER -> {
        StoredOrder stored = orderOf(customerId, id);
        yield stored == null
            ? apiFault(404, 20000, "Order ID not found.")
            : json(200, orderJson.toJson(read(stored)));
      }
      case LIST_ORDERS -> listOrders(customerId, request.getUrl().queryParameter("billingType"));
      default -> {
        StoredOrder stored = orderOf(customerId, id);
        if (stored == null) {
          yield apiFault(404, 800007, "Unable to retrieve provisioning information.");
        }
        Order order = read(stored);
        yield json(
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
      String customerId, RecordedRequest request, String requestId, OffsetDateTime now) {
    String existing = requestId == null ? null : cartByCreateRequestId.get(requestId);
    if (existing != null) {
      return json(201, cartJson.toJson(carts.get(existing).cart));
    }
    Cart body = parseCart(request);
    if (body == null || body.lineItems().isEmpty()) {
      return apiFault(400, 800002, "Invalid request input.");
    }
    String cartId = UUID.randomUUID().toString();
    Cart cart = TestData.created(customerId, cartId, body, now);
    carts.put(cartId, new StoredCart(customerId, cart));
    if (requestId != null) {
      cartByCreateRequestId.put(requestId, cartId);
    }
    return json(201, cartJson.toJson(cart));
  }

  private MockResponse updateCart(
      String customerId, String cartId, RecordedRequest request, OffsetDateTime now) {
    StoredCart stored = cartOf(customerId, cartId);
    if (stored == null) {
      return cartNotFound(cartId);
    }
    if (CartStatus.ORDERED.equals(stored.cart.status())) {
      return apiFault(
          400, 800065, "Cart " + cartId + " was already submitted and can no longer be updated.");
    }
    Cart body = parseCart(request);
    if (body == null || body.lineItems().isEmpty()) {
      return apiFault(400, 800002, "Invalid request input.");
    }
    stored.cart = stored.cart.toBuilder()
        .lineItems(TestData.grouped(body.lineItems()))
        .partnerOnRecordAttestationAccepted(body.partnerOnRecordAttestationAccepted())
        .lastModifiedTimestamp(now)
        .build();
    return json(201, cartJson.toJson(stored.cart));
  }

  private MockResponse checkout(
      String customerId, String cartId, String requestId, OffsetDateTime now) {
    StoredCart stored = cartOf(customerId, cartId);
    if (stored == null) {
      return cartNotFound(cartId);
    }
    if (stored.result != null) {
      return requestId != null && requestId.equals(stored.checkoutRequestId)
          ? json(200, checkoutJson.toJson(stored.result))
          : apiFault(400, 800065, "Cannot checkout an already submitted cart.");
    }
    if (stored.cart.lineItems().stream().anyMatch(line -> line.error() != null)) {
      return apiFault(
          400, 800009, "Error in cart item(s). Check the error on each cart line item.");
    }
    Map<String, List<CartLineItem>> groups = new LinkedHashMap<>();
    for (CartLineItem line : stored.cart.lineItems()) {
      groups.computeIfAbsent(line.orderGroup(), group -> new ArrayList<>()).add(line);
    }
    List<Order> created = new ArrayList<>();
    for (List<CartLineItem> lines : groups.values()) {
      String orderId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      Order order = TestData.order(customerId, orderId, lines, now);
      orders.put(orderId, new StoredOrder(customerId, order));
      stored.orderIds.add(orderId);
      created.add(order);
    }
    stored.result = TestData.checkoutResult(created);
    stored.checkoutRequestId = requestId;
    stored.cart = stored.cart.toBuilder()
        .status(CartStatus.ORDERED)
        .lastModifiedTimestamp(now)
        .build();
    return json(201, checkoutJson.toJson(stored.result));
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
    return json(
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

  private Cart parseCart(RecordedRequest request) {
    try {
      return request.getBody() == null
          ? null
          : cartJson.fromJson(request.getBody().utf8());
    } catch (IOException | JsonDataException | NullPointerException e) {
      return null;
    }
  }

  private MockResponse cartNotFound(String cartId) {
    return apiFault(404, 800008, "Unable to retrieve cart ID " + cartId + ".");
  }

  /** A Partner Center error body with a numeric code, as the service sends it. */
  private static MockResponse apiFault(int status, int code, String description) {
    return json(
        status,
        write(writer -> writer
            .beginObject()
            .name("code")
            .value(code)
            .name("description")
            .value(description)
            .name("data")
            .beginArray()
            .endArray()
            .name("source")
            .value("PartnerFD")
            .endObject()));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  private interface JsonBody {
    void writeTo(JsonWriter writer) throws IOException;
  }

  private static String write(JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      body.writeTo(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
