package org.cspkit.partnercenter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.Order;

/**
 * A stateful fake Partner Center on {@link MockWebServer}, for testing code that uses this
 * library without the service and without Node.js. It serves every operation of the OpenAPI
 * document (in the library's jar at {@value #SPEC_RESOURCE}, or the one of {@link
 * Builder#spec(Path)}) with answers that conform to it: the seven of {@link Operation} (carts and
 * orders) from its state, the others from the document:
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
 *       that is not a GUID gets 400 (2000), a cart ID that is not one 400 (800002).
 *   <li>Every request is checked against the OpenAPI document, as Partner Center checks its
 *       input: a request the document does not allow gets 400 with 800002 ("Invalid request
 *       input", the generic code Partner Center documents for invalid input; it documents no
 *       more specific one), and changes nothing. Such as a cart without line items, a line item
 *       without a catalog item ID, quantity or billing cycle, a quantity below 1, a term that is
 *       not an ISO-8601 duration ({@code P1Y}), an {@code MS-RequestId} or {@code
 *       MS-CorrelationId} that is not a GUID. The description names the first problem, {@code
 *       data} lists them all. Open sets stay open: a billing cycle the document does not list is
 *       accepted.
 *   <li>{@code createCart} assigns a cart ID (a GUID), timestamps (expiry 7 days later), status
 *       {@code Active}, currency {@code USD} and order groups (one per billing cycle). It is
 *       idempotent per {@code MS-RequestId}: the same request ID returns the same cart.
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
 *   <li>Every answer echoes {@code MS-RequestId} and {@code MS-CorrelationId} (a new GUID for
 *       one that was missing or is not a valid header value) and carries an {@code MS-CV}.
 * </ul>
 *
 * <p>Faults: {@link #enqueueFault(Fault)} scripts the answer to the next matching request (429
 * with {@code Retry-After}, 503, a documented error code, a dropped connection before or after
 * the operation ran, an answer sent late after the operation ran, a cart line item flagged with
 * an error, a checkout that fails for some order groups); {@link Builder#randomFaults(long,
 * double)} injects some at random from a seed, for load tests. {@link #requests()} lists what
 * was received and answered; {@link #carts()} and {@link #orders()} what was created. A failure
 * of the fake itself is answered with 500 (800003) whose {@code data} names it.
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

  private final MockWebServer server = new MockWebServer();
  private final FakeDispatcher dispatcher;

  private FakePartnerCenter(Builder builder) {
    this.dispatcher = new FakeDispatcher(
        builder.spec != null ? builder.spec : Spec.shipped(),
        new FaultQueue(builder.seed, builder.faultProbability),
        new FakeStore(builder.pendingProvisioningReads));
    server.setDispatcher(dispatcher);
  }

  /**
   * Starts a fake with the defaults (no random faults, orders provisioned at their first read)
   * on a free port of the loopback address.
   *
   * @return the started fake; {@link #close()} it
   * @throws UncheckedIOException if the server cannot start
   * @throws IllegalStateException if the OpenAPI document is not on the class path ({@value
   *     #SPEC_RESOURCE}, in the library's jar) or cannot be read
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
    private Spec spec;

    private Builder() {}

    /**
     * Follows another OpenAPI document than the one in the library's jar: routes, checks and
     * answers requests by its operations, such as a copy of the shipped document with an
     * operation added, which the fake then answers from the operation's example. The operations
     * of {@link Operation} keep their state where the document has them (by {@code
     * operationId}). The file is read and parsed now, with swagger-parser; later changes to it
     * are not seen. It must be self-contained (references within the file only).
     *
     * @param document the YAML or JSON file of the document
     * @return this builder
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an OpenAPI document
     */
    public Builder spec(Path document) {
      try {
        return spec(Objects.requireNonNull(document, "document").toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a file: " + document, e);
      }
    }

    /**
     * Like {@link #spec(Path)}, for a document at a URL, such as a class-path resource.
     *
     * @param document where the YAML or JSON of the document is
     * @return this builder
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException if it is not an OpenAPI document
     */
    public Builder spec(URL document) {
      this.spec = Spec.read(Objects.requireNonNull(document, "document"));
      return this;
    }

    /**
     * Injects faults at random into the operations that change state (any method but GET: in the
     * shipped document {@code createCart}, {@code updateCart} and {@code checkoutCart}), after the
     * scripted ones: each request gets, with {@code probability} each,
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
     * @throws IllegalStateException if the OpenAPI document is not on the class path ({@value
     *     FakePartnerCenter#SPEC_RESOURCE}, in the library's jar) or cannot be read
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
   * Fault#operationId() operation}) gets it. Faults are used in the order they were enqueued,
   * each once; a request takes the first one that applies to its operation. Requests refused
   * before (404 for no operation, 401 without a token, 400 for an ID that is not a GUID or for
   * anything else the OpenAPI document does not allow) take none.
   *
   * @param fault the fault
   * @return this fake
   * @throws IllegalArgumentException if the fault is scoped to an operation the fake's OpenAPI
   *     document does not have (a mistyped {@code operationId}); the message lists those it has
   */
  public FakePartnerCenter enqueueFault(Fault fault) {
    dispatcher.enqueue(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * The scripted faults no request has taken yet.
   *
   * @return a snapshot, in order
   */
  public List<Fault> pendingFaults() {
    return dispatcher.pendingFaults();
  }

  /**
   * Every request received so far, in the order they were handled, with their answers.
   *
   * @return a snapshot
   */
  public List<ReceivedRequest> requests() {
    return dispatcher.requests();
  }

  /**
   * The requests of one operation received so far.
   *
   * @param operation the operation
   * @return a snapshot, in order
   */
  public List<ReceivedRequest> requests(Operation operation) {
    return requests(operation.operationId());
  }

  /**
   * The requests of one operation of the OpenAPI document received so far, whether or not
   * {@link Operation} names it.
   *
   * @param operationId the operation's {@code operationId}, such as {@code createCart}
   * @return a snapshot, in order; empty for an operation the document does not have
   */
  public List<ReceivedRequest> requests(String operationId) {
    Objects.requireNonNull(operationId, "operationId");
    return requests().stream().filter(r -> operationId.equals(r.operationId())).toList();
  }

  /**
   * The carts created so far, as they are now (an ordered cart has status {@code Ordered}), in
   * the order they were created.
   *
   * @return a snapshot
   */
  public List<Cart> carts() {
    return dispatcher.read(FakeStore::carts);
  }

  /**
   * A cart as it is now.
   *
   * @param cartId the cart ID
   * @return the cart, or empty when no such cart was created
   */
  public Optional<Cart> cart(String cartId) {
    return dispatcher.read(store -> store.cart(cartId));
  }

  /**
   * The orders created so far, as they are now, in the order they were created.
   *
   * @return a snapshot
   */
  public List<Order> orders() {
    return dispatcher.read(FakeStore::orders);
  }

  /**
   * The orders the checkout of a cart created, as they are now.
   *
   * @param cartId the cart ID
   * @return the orders; empty when the cart was not checked out or does not exist
   */
  public List<Order> ordersOf(String cartId) {
    return dispatcher.read(store -> store.ordersOf(cartId));
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
}
