package org.cspkit.partnercenter.bench;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.internal.BodyDecoder;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Each operation of the purchase flow end to end, our blocking call against the raw OkHttp floor
 * that sends the same bytes ({@link FloorRequest}) and only reads the answer's, with one caller;
 * {@link PurchaseFlowConcurrentBenchmark} runs the same with 16. The server is {@link
 * LoopbackServer}, in its own JVM. Operations: {@code checkout} (POST, no body; 201 with three
 * orders, 4.3 KB), {@code createCart} (POST with the spec's JSON cart; 201 with the cart, 1 KB)
 * and {@code getOrder} (GET; 200 with one order, 1.3 KB).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class PurchaseFlowBenchmark {
  static final String CUSTOMER_ID = EndToEndBenchmark.CUSTOMER_ID;
  static final String CART_ID = EndToEndBenchmark.CART_ID;
  static final String ORDER_ID = "a68736758d9c";
  /**
   * A bearer token as long as a real Entra ID access token for Partner Center (a signed JWT of
   * about 1,500 characters): its length decides the {@code Authorization} header's bytes and what
   * scrubbing secrets from texts costs.
   */
  static final String TOKEN = jwtShaped(1_500);

  /** The spec's newCommerceCartRequest example. */
  static final Cart CART = Cart.builder()
      .lineItems(List.of(CartLineItem.builder()
          .id(0)
          .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
          .quantity(1)
          .termDuration("P1Y")
          .billingCycle(BillingCycleType.MONTHLY)
          .build()))
      .build();

  @Param({"checkout", "createCart", "getOrder"})
  public String operation;

  private SideBySide clients;
  private JsonAdapter<?> decoder;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    clients = SideBySide.start(operation);
    Class<?> type = switch (operation) {
      case "checkout" -> CartCheckoutResult.class;
      case "createCart" -> Cart.class;
      default -> Order.class;
    };
    decoder = JsonSupport.newMoshi().adapter(type);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    clients.close();
  }

  /** Base64url characters in three dot-separated parts, {@code length} in all. */
  static String jwtShaped(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    java.util.Random random = new java.util.Random(14);
    StringBuilder token = new StringBuilder("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.");
    while (token.length() < length - 343) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    token.append('.');
    while (token.length() < length) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  /** One blocking call of {@code operation} with {@code client}: what a user writes. */
  static Object call(PartnerCenterClient client, String operation) {
    return switch (operation) {
      case "checkout" -> client.carts().checkout(CUSTOMER_ID, CART_ID);
      case "createCart" -> client.carts().create(CUSTOMER_ID, CART);
      case "getOrder" -> client.orders().get(CUSTOMER_ID, ORDER_ID);
      default -> throw new IllegalArgumentException(operation);
    };
  }

  @Benchmark
  public Object ourClient() {
    return call(clients.client, operation);
  }

  /**
   * The floor, then the body decoded as the client decodes it (the same Moshi adapters and
   * decode path): what the pipeline adds to a call is ours minus this.
   */
  @Benchmark
  public Object decodedFloor() throws IOException {
    try (Response response = clients.floorCall()) {
      return BodyDecoder.decode(decoder, response.body().source());
    }
  }

  @Benchmark
  public byte[] rawOkHttpFloor() throws IOException {
    try (Response response = clients.floorCall()) {
      return response.body().bytes();
    }
  }
}
