package org.cspkit.partnercenter;

import com.squareup.moshi.Moshi;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.internal.LibraryVersion;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.Redaction;
import org.cspkit.partnercenter.internal.ResponseHandler;
import org.cspkit.partnercenter.internal.Telemetry;
import org.cspkit.partnercenter.internal.TokenCache;

/**
 * The client of Partner Center's purchase flow: create a customer's cart, read and replace it,
 * check it out ({@link #carts()}), then read the orders it produced and wait for their
 * provisioning ({@link #orders()}). Partner Center REST pages "Create a cart", "Update a cart",
 * "Checkout an order for a customer in a cart", "Get an order by ID", "Get all of a customer's
 * orders" and "Get order provisioning status".
 *
 * <p>Build one with {@link #builder()} and share it: it is immutable and thread-safe, and holds one
 * OkHttp connection pool, one token cache and the threads of the {@code …Async} calls. {@link
 * #close()} releases them; a program that never calls it still exits, as every thread the client
 * starts is a daemon. Each call sends {@code Authorization: Bearer}, {@code Accept:
 * application/json}, an {@code MS-RequestId} and {@code MS-CorrelationId} (new ones unless given
 * in {@link RequestOptions}), {@code X-Locale}, {@code MS-PartnerCenter-Client} and {@code
 * MS-Contract-Version: v1}.
 *
 * <pre>{@code
 * PartnerCenterClient client = PartnerCenterClient.builder()
 *     .cloud(PartnerCenterCloud.GLOBAL)
 *     .accessTokenSource(myTokenSource)
 *     .build();
 * Cart cart = client.carts().create(customerId, Cart.builder()
 *     .addLineItem(CartLineItem.builder().catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
 *         .quantity(1).billingCycle(BillingCycleType.MONTHLY).termDuration("P1Y").build())
 *     .build());
 * CartCheckoutResult result = client.carts().checkout(customerId, cart.id());
 * }</pre>
 *
 * <p>Tokens from the {@link AccessTokenSource} are cached until shortly before they expire; a 401
 * gets one fresh token and one replay of the same request (same {@code MS-RequestId}).
 *
 * <p>Every operation runs through the same pipeline. A documented success status returns the
 * decoded model; anything else throws a subtype of {@link PartnerCenterException} with the status,
 * the service's error code and description, {@code MS-RequestId} and {@code MS-CorrelationId}.
 * Retryable failures (the statuses are listed in {@link RetryOptions}) are retried with backoff,
 * always with the same {@code MS-RequestId}. The forms of every operation and what they share are
 * described in the {@linkplain org.cspkit.partnercenter package documentation}. A GET is safe to repeat; for a POST or PUT an exception says whether the call may
 * have taken effect anyway ({@link PartnerCenterException#mayHaveSucceeded()}), and lists every
 * attempt ({@link PartnerCenterException#attempts()}).
 */
public final class PartnerCenterClient implements AutoCloseable {
  /** Default time to establish a connection: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default maximum time between two reads of the response: 60 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Default maximum time between two writes of the request: 10 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

  /** Default limit on one HTTP attempt, from connecting to reading the last byte: 90 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(90);

  /** Default time before its expiry that a cached access token is replaced: 5 minutes. */
  public static final Duration DEFAULT_TOKEN_REFRESH_MARGIN = Duration.ofMinutes(5);

  /** Default limit on a success body, after any content decoding: 8 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BODY_SIZE = 8L * 1024 * 1024;

  /** Default limit on the attempts of {@code …Async} calls in flight at once: 64. */
  public static final int DEFAULT_MAX_ASYNC_CONCURRENCY = 64;

  /** The default {@code X-Locale}: {@code en-US}. */
  public static final Locale DEFAULT_LOCALE = Locale.US;

  private final PartnerCenterClientBuilder settings;
  private final String localeTag;
  private final Pipeline pipeline;
  private final TokenCache tokens;
  private final CartsService carts;
  private final OrdersService orders;

  PartnerCenterClient(PartnerCenterClientBuilder builder) {
    this.settings = builder.copy();
    this.localeTag = builder.locale.toLanguageTag();
    boolean ownsHttpClient = builder.httpClient == null;
    OkHttpClient.Builder http =
        ownsHttpClient ? new OkHttpClient.Builder() : builder.httpClient.newBuilder();
    http.connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout)
        .writeTimeout(builder.writeTimeout)
        .callTimeout(builder.callTimeout);
    Moshi moshi = JsonSupport.newMoshi();
    this.tokens = new TokenCache(builder.tokenSource, builder.tokenRefreshMargin, builder.clock);
    this.pipeline = Pipeline.builder()
        .http(http, ownsHttpClient)
        .userAgent(userAgent())
        .tokens(tokens)
        .responses(new ResponseHandler(moshi, builder.maxResponseBodySize))
        .telemetry(new Telemetry(builder.openTelemetry()))
        .callTimeout(builder.callTimeout)
        .retryOptions(builder.retryOptions)
        .maxAsyncConcurrency(builder.maxAsyncConcurrency)
        .service(builder.baseUrl, moshi)
        .headers(localeTag, builder.applicationName)
        .build();
    this.carts = new CartsService(pipeline);
    this.orders = new OrdersService(pipeline);
  }

  /**
   * A builder with the defaults: the global cloud, {@code en-US}, the default timeouts, and no
   * token source (one is required).
   *
   * @return a new builder
   */
  public static PartnerCenterClientBuilder builder() {
    return new PartnerCenterClientBuilder();
  }

  /**
   * A builder holding this client's settings; a client built from it shares the same underlying
   * {@link OkHttpClient} given to {@link PartnerCenterClientBuilder#httpClient}, if any.
   *
   * @return a new builder
   */
  public PartnerCenterClientBuilder newBuilder() {
    return settings.copy();
  }

  /**
   * The cart operations: create, read, replace and check out a customer's cart.
   *
   * @return the service, sharing this client's connections, token cache and threads
   */
  public CartsService carts() {
    return carts;
  }

  /**
   * The order operations: read an order, list a customer's orders, read and wait for the
   * provisioning status of an order.
   *
   * @return the service, sharing this client's connections, token cache and threads
   */
  public OrdersService orders() {
    return orders;
  }

  /**
   * The base URL requests go to.
   *
   * @return the base URL, ending in {@code /}
   */
  public HttpUrl baseUrl() {
    return settings.baseUrl;
  }

  /**
   * Releases what the client created: the threads of the {@code …Async} calls and of the token
   * cache, and, unless the OkHttp client was given to {@link PartnerCenterClientBuilder#httpClient},
   * its connections. An {@code OkHttpClient} passed in is left as it was. A request in flight
   * gets its answer; no new attempt starts: an asynchronous call waiting for its next attempt (or
   * for a thread) ends at once, one in flight as its attempt ends, with a {@link
   * org.cspkit.partnercenter.exception.TransportException} whose message says the client was
   * closed, whose cause is the last failure, and which carries the call's {@code MS-RequestId}
   * and attempts ({@code mayHaveSucceeded()} tells whether an earlier attempt may have taken
   * effect: then repeat the call with that {@code MS-RequestId}); a blocking call ends so before
   * its next attempt; a {@code waitForProvisioningAsync} ends at once with a
   * {@code TransportException}. Later calls, and waits, throw {@link IllegalStateException}.
   * Idempotent.
   */
  @Override
  public void close() {
    pipeline.close();
    tokens.close();
  }

  /** Shows the base URL (password masked), locale and application name; never a token. */
  @Override
  public String toString() {
    return "PartnerCenterClient{baseUrl=" + Redaction.url(settings.baseUrl) + ", locale="
        + localeTag + ", applicationName=" + settings.applicationName + "}";
  }

  private static String userAgent() {
    return LibraryVersion.CLIENT_HEADER + " (Java " + System.getProperty("java.version") + ")";
  }
}
