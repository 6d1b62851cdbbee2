package org.cspkit.partnercenter;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.cspkit.partnercenter.internal.api.CartsApiRequests;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.internal.LibraryVersion;
import org.cspkit.partnercenter.internal.Redaction;
import org.cspkit.partnercenter.internal.ResponseHandler;
import org.cspkit.partnercenter.internal.TokenCache;
import org.cspkit.partnercenter.model.CartCheckoutResult;

/**
 * Checks out Partner Center carts: {@code POST {baseURL}/v1/customers/{customer-id}/carts/{cart-id}/checkout}
 * (Partner Center page "Checkout an order for a customer in a cart").
 *
 * <p>Build one with {@link #builder()} and share it: it is immutable and thread-safe, and holds one
 * OkHttp connection pool, one token cache and the threads of {@link #checkoutAsync}. {@link
 * #close()} releases them; a program that never calls it still exits, as every thread the client
 * starts is a daemon. Each call sends {@code Authorization: Bearer}, {@code Accept:
 * application/json}, a new {@code MS-RequestId} and (unless given) {@code MS-CorrelationId}, {@code
 * X-Locale}, {@code MS-PartnerCenter-Client}, {@code MS-Contract-Version: v1}, and an empty body.
 *
 * <pre>{@code
 * PartnerCenterClient client = PartnerCenterClient.builder()
 *     .cloud(PartnerCenterCloud.GLOBAL)
 *     .accessTokenSource(myTokenSource)
 *     .build();
 * CartCheckoutResult result = client.checkout(customerId, cartId);
 * }</pre>
 *
 * <p>Tokens from the {@link AccessTokenSource} are cached until shortly before they expire; a 401
 * gets one fresh token and one replay of the same request (same {@code MS-RequestId}).
 *
 * <p>A 200 or 201 returns the decoded {@link CartCheckoutResult}; it may still list failed order
 * groups in {@code orderErrors()}. Anything else throws a subtype of {@link PartnerCenterException}.
 * Retryable failures (no response, 408, 429, 5xx, 409 with 800064 or 800060) are retried with
 * backoff, always with the same {@code MS-RequestId}; see {@link RetryOptions}. An exception
 * lists every attempt ({@link PartnerCenterException#attempts()}) and says whether the checkout
 * may have succeeded anyway ({@link PartnerCenterException#mayHaveSucceeded()}).
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

  /** Default limit on the attempts of {@link #checkoutAsync} in flight at once: 64. */
  public static final int DEFAULT_MAX_ASYNC_CONCURRENCY = 64;

  /** The default {@code X-Locale}: {@code en-US}. */
  public static final Locale DEFAULT_LOCALE = Locale.US;

  private static final String CONTRACT_VERSION = "v1";
  private static final String MASKED_TOKEN = "****";

  private final PartnerCenterClientBuilder settings;
  private final String localeTag;
  private final Pipeline executor;

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
    this.executor = new Pipeline(http, ownsHttpClient, userAgent(),
        new TokenCache(builder.tokenSource, builder.tokenRefreshMargin, builder.clock),
        new ResponseHandler(JsonSupport.newMoshi(), builder.maxResponseBodySize),
        builder.callTimeout, builder.retryOptions, builder.maxAsyncConcurrency);
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
   * Checks out a cart with a new {@code MS-RequestId} and {@code MS-CorrelationId}.
   *
   * @param customerId the customer's tenant ID, a GUID such as {@code
   *     d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d}
   * @param cartId the cart ID returned when the cart was created, a GUID
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #checkout(String, String,
   *     RequestOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId) {
    return checkout(customerId, cartId, RequestOptions.defaults());
  }

  /**
   * Checks out a cart on the calling thread, which is blocked until the checkout succeeds, fails
   * for good, runs out of attempts or reaches the retry deadline. Retryable failures are retried
   * with the same {@code MS-RequestId} (see {@link RetryOptions}); the thread sleeps between
   * attempts. The whole call, waiting for a token and decoding included, ends by the retry
   * deadline. Interrupting the thread cancels the attempt in flight (within about 10 ms) or ends
   * the wait, stops every retry still to come, and throws a {@link TransportException} with the
   * interrupt flag kept.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and customer user to send
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws org.cspkit.partnercenter.exception.BadRequestException on 400 (such as 800065, already
   *     submitted)
   * @throws AuthenticationException on 401, or when the token source fails (nothing is sent)
   * @throws org.cspkit.partnercenter.exception.ForbiddenException on 403
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (such as 800008, cart not
   *     found)
   * @throws org.cspkit.partnercenter.exception.ConflictException on 409 (such as 800064)
   * @throws org.cspkit.partnercenter.exception.ThrottledException on 429, with {@code Retry-After}
   * @throws org.cspkit.partnercenter.exception.ServerErrorException on 5xx
   * @throws UndecodableResponseException when a 200 or 201 body is not the JSON the spec
   *     describes, or is larger than {@link PartnerCenterClientBuilder#maxResponseBodySize}
   * @throws TransportException when no complete response arrives (connection failure, timeout,
   *     interrupt)
   * @throws org.cspkit.partnercenter.exception.OutcomeUnknownException on 800065 after an
   *     attempt that may have created the orders, or on a 2xx other than 200 and 201
   * @throws PartnerCenterException on any other status, a 3xx included (redirects are never
   *     followed)
   * @throws IllegalStateException if the client is closed
   */
  public CartCheckoutResult checkout(String customerId, String cartId, RequestOptions options) {
    return executor.run(prepare(customerId, cartId, options), customerId, cartId,
        options.retryOptions().orElse(settings.retryOptions),
        options.attemptListener().orElse(null));
  }

  /**
   * Checks out a cart without blocking, with a new {@code MS-RequestId} and {@code
   * MS-CorrelationId}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @return a future as described in {@link #checkoutAsync(String, String, RequestOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId) {
    return checkoutAsync(customerId, cartId, RequestOptions.defaults());
  }

  /**
   * Checks out a cart without blocking. Attempts run on the client's own daemon threads, at most
   * {@link PartnerCenterClientBuilder#maxAsyncConcurrency} at once across the client (more wait in a
   * queue, their deadline running), and retries are scheduled by Failsafe; the future completes
   * on one of those threads (as does any dependent stage that is not {@code *Async}). Cancelling
   * the future stops the checkout: once {@code cancel} returns, no attempt starts and no request
   * byte is written, and the future holds a {@link
   * org.cspkit.partnercenter.exception.CallCancelledException} that says whether an attempt may
   * have reached Partner Center.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID, customer user and retry options to use
   * @return a future completed with the result, or exceptionally with the {@link
   *     PartnerCenterException} that {@link #checkout(String, String, RequestOptions)} would
   *     throw
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once; nothing is sent)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(
      String customerId, String cartId, RequestOptions options) {
    return executor.start(prepare(customerId, cartId, options), customerId, cartId,
        options.retryOptions().orElse(settings.retryOptions),
        options.attemptListener().orElse(null));
  }

  /**
   * The request a checkout would send, without sending it or asking the token source for a token:
   * the {@code Authorization} header carries {@code Bearer ****}, and a password in the base URL
   * is masked the same way. For dry runs and logs.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and customer user to send
   * @return the request, with the same headers a real call would have (new IDs unless given)
   * @throws IllegalArgumentException if an ID is not a GUID
   */
  public Request previewCheckout(String customerId, String cartId, RequestOptions options) {
    Request request = executor.preview(prepare(customerId, cartId, options), MASKED_TOKEN);
    HttpUrl url = request.url();
    return url.password().isEmpty() ? request
        : request.newBuilder().url(url.newBuilder().password(MASKED_TOKEN).build()).build();
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
   * Releases what the client created: the threads of {@link #checkoutAsync} and of the token
   * cache, and, unless the OkHttp client was given to {@link PartnerCenterClientBuilder#httpClient},
   * its connections. An {@code OkHttpClient} passed in is left as it was. Calls in flight finish;
   * later calls throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    executor.close();
  }

  /** Shows the base URL (password masked), locale and application name; never a token. */
  @Override
  public String toString() {
    return "PartnerCenterClient{baseUrl=" + Redaction.url(settings.baseUrl) + ", locale=" + localeTag
        + ", applicationName=" + settings.applicationName + "}";
  }

  /** Checks the IDs and builds the request, with new request and correlation IDs unless given. */
  private Request prepare(String customerId, String cartId, RequestOptions options) {
    UUID customer = requireGuid(customerId, "customerId");
    UUID cart = requireGuid(cartId, "cartId");
    Objects.requireNonNull(options, "options");
    UUID requestId = options.requestId().orElseGet(UUID::randomUUID);
    UUID correlationId = options.correlationId().orElseGet(UUID::randomUUID);
    // Generated from the spec next to the Retrofit interface CartsApi, and equal to what Retrofit
    // builds from it, without its per-call proxy, path regex and unused okhttp3.Call.
    return CartsApiRequests.checkoutCart(settings.baseUrl, customer, cart, requestId,
        correlationId, localeTag, LibraryVersion.CLIENT_HEADER, settings.applicationName,
        CONTRACT_VERSION, options.customerUserUpn().orElse(null));
  }

  /** Accepts a GUID in its 36-character form (8-4-4-4-12 hexadecimal digits, any case). */
  private static UUID requireGuid(String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be a GUID, got null");
    }
    boolean valid = value.length() == 36;
    for (int i = 0; valid && i < 36; i++) {
      char c = value.charAt(i);
      valid = (i == 8 || i == 13 || i == 18 || i == 23)
          ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (!valid) {
      throw new IllegalArgumentException(
          name + " must be a GUID such as d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d, got '" + value
              + "'");
    }
    return UUID.fromString(value);
  }

  private static String userAgent() {
    return LibraryVersion.CLIENT_HEADER + " (Java " + System.getProperty("java.version") + ")";
  }
}
