package org.cspkit.checkout;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.cspkit.checkout.api.CartsApi;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.TransportException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.internal.AuthorizationInterceptor;
import org.cspkit.checkout.internal.AuthorizationInterceptor.TokenUnavailableException;
import org.cspkit.checkout.internal.DecodingConverterFactory;
import org.cspkit.checkout.internal.ErrorMapper;
import org.cspkit.checkout.internal.JsonSupport;
import org.cspkit.checkout.internal.LibraryVersion;
import org.cspkit.checkout.internal.UndecodableBodyException;
import org.cspkit.checkout.model.CartCheckoutResult;
import retrofit2.Retrofit;

/**
 * Checks out Partner Center carts: {@code POST {baseURL}/v1/customers/{customer-id}/carts/{cart-id}/checkout}
 * (Partner Center page "Checkout an order for a customer in a cart").
 *
 * <p>Build one with {@link #builder()} and share it: it is immutable and thread-safe, and holds one
 * OkHttp connection pool. Each call sends {@code Authorization: Bearer}, {@code Accept:
 * application/json}, a new {@code MS-RequestId} and (unless given) {@code MS-CorrelationId}, {@code
 * X-Locale}, {@code MS-PartnerCenter-Client}, {@code MS-Contract-Version: v1}, and an empty body.
 *
 * <pre>{@code
 * CheckoutClient client = CheckoutClient.builder()
 *     .cloud(PartnerCenterCloud.GLOBAL)
 *     .accessTokenSource(myTokenSource)
 *     .build();
 * CartCheckoutResult result = client.checkout(customerId, cartId);
 * }</pre>
 *
 * <p>A 200 or 201 returns the decoded {@link CartCheckoutResult}; it may still list failed order
 * groups in {@code orderErrors()}. Anything else throws a subtype of {@link PartnerCenterException}.
 * This version makes exactly one attempt per call: it does not retry.
 */
public final class CheckoutClient {
  /** Default time to establish a connection: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default maximum time between two reads of the response: 60 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Default maximum time between two writes of the request: 10 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

  /** Default limit on one whole call, from connecting to reading the last byte: 90 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(90);

  /** The default {@code X-Locale}: {@code en-US}. */
  public static final Locale DEFAULT_LOCALE = Locale.US;

  private static final String CONTRACT_VERSION = "v1";
  private static final String MASKED_TOKEN = "****";

  private final Builder settings;
  private final String localeTag;
  private final OkHttpClient httpClient;
  private final CartsApi api;
  private final AuthorizationInterceptor authorization;
  private final JsonAdapter<CartCheckoutResult> resultAdapter;
  private final ErrorMapper errorMapper;

  private CheckoutClient(Builder builder) {
    this.settings = builder.copy();
    this.localeTag = builder.locale.toLanguageTag();
    this.authorization = new AuthorizationInterceptor(builder.tokenSource, userAgent());
    OkHttpClient.Builder http =
        builder.httpClient != null ? builder.httpClient.newBuilder() : new OkHttpClient.Builder();
    this.httpClient = http
        .connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout)
        .writeTimeout(builder.writeTimeout)
        .callTimeout(builder.callTimeout)
        .addInterceptor(authorization)
        .build();
    Moshi moshi = JsonSupport.newMoshi();
    this.resultAdapter = moshi.adapter(CartCheckoutResult.class);
    this.errorMapper = new ErrorMapper(moshi);
    // Retrofit turns the generated interface into requests (path, header parameters, Accept, empty
    // body); this class executes them on OkHttp so that it sees the status and headers of every
    // response, including one whose body cannot be decoded.
    this.api = new Retrofit.Builder()
        .baseUrl(builder.baseUrl)
        .callFactory(httpClient)
        .addConverterFactory(new DecodingConverterFactory(moshi))
        .build()
        .create(CartsApi.class);
  }

  /**
   * A builder with the defaults: the global cloud, {@code en-US}, the default timeouts, and no
   * token source (one is required).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings; a client built from it shares the same underlying
   * {@link OkHttpClient} given to {@link Builder#httpClient}, if any.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
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
   *     CheckoutOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId) {
    return checkout(customerId, cartId, CheckoutOptions.defaults());
  }

  /**
   * Checks out a cart, blocking the calling thread until the response is decoded or the call
   * timeout ({@link Builder#callTimeout}) ends it.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and customer user to send
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws org.cspkit.checkout.exception.BadRequestException on 400 (such as 800065, already
   *     submitted)
   * @throws AuthenticationException on 401, or when the token source fails (nothing is sent)
   * @throws org.cspkit.checkout.exception.ForbiddenException on 403
   * @throws org.cspkit.checkout.exception.NotFoundException on 404 (such as 800008, cart not
   *     found)
   * @throws org.cspkit.checkout.exception.ConflictException on 409 (such as 800064)
   * @throws org.cspkit.checkout.exception.ThrottledException on 429, with {@code Retry-After}
   * @throws org.cspkit.checkout.exception.ServerErrorException on 5xx
   * @throws UndecodableResponseException when the body is not the JSON the spec describes
   * @throws TransportException when no complete response arrives (connection failure, timeout)
   * @throws PartnerCenterException on any other status
   */
  public CartCheckoutResult checkout(String customerId, String cartId, CheckoutOptions options) {
    Exchange exchange = prepare(customerId, cartId, options);
    try (Response response = httpClient.newCall(exchange.request).execute()) {
      return exchange.handle(response);
    } catch (IOException e) {
      throw exchange.failure(e);
    }
  }

  /**
   * Checks out a cart without blocking, with a new {@code MS-RequestId} and {@code
   * MS-CorrelationId}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @return a future as described in {@link #checkoutAsync(String, String, CheckoutOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId) {
    return checkoutAsync(customerId, cartId, CheckoutOptions.defaults());
  }

  /**
   * Checks out a cart without blocking. The request runs on OkHttp's dispatcher threads, as does
   * the completion of the future (and so any dependent stage that is not {@code *Async}).
   * Cancelling the future cancels the HTTP call.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and customer user to send
   * @return a future completed with the result, or exceptionally with the {@link
   *     PartnerCenterException} that {@link #checkout(String, String, CheckoutOptions)} would
   *     throw
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once; nothing is sent)
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(
      String customerId, String cartId, CheckoutOptions options) {
    Exchange exchange = prepare(customerId, cartId, options);
    Call call = httpClient.newCall(exchange.request);
    CompletableFuture<CartCheckoutResult> future = new CompletableFuture<>();
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) {
        call.cancel();
      }
    });
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        future.completeExceptionally(exchange.failure(e));
      }

      @Override
      public void onResponse(Call done, Response response) {
        try (response) {
          future.complete(exchange.handle(response));
        } catch (IOException e) {
          future.completeExceptionally(exchange.failure(e));
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        }
      }
    });
    return future;
  }

  /**
   * The request a checkout would send, without sending it or asking the token source for a token:
   * the {@code Authorization} header carries {@code Bearer ****}. For dry runs and logs.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and customer user to send
   * @return the request, with the same headers a real call would have (new IDs unless given)
   * @throws IllegalArgumentException if an ID is not a GUID
   */
  public Request previewCheckout(String customerId, String cartId, CheckoutOptions options) {
    return authorization.authorize(prepare(customerId, cartId, options).request, MASKED_TOKEN);
  }

  /**
   * The base URL requests go to.
   *
   * @return the base URL, ending in {@code /}
   */
  public HttpUrl baseUrl() {
    return settings.baseUrl;
  }

  /** Shows the base URL, locale and application name; never a token. */
  @Override
  public String toString() {
    return "CheckoutClient{baseUrl=" + settings.baseUrl + ", locale=" + localeTag
        + ", applicationName=" + settings.applicationName + "}";
  }

  private Exchange prepare(String customerId, String cartId, CheckoutOptions options) {
    UUID customer = requireGuid(customerId, "customerId");
    UUID cart = requireGuid(cartId, "cartId");
    Objects.requireNonNull(options, "options");
    UUID requestId = options.requestId().orElseGet(UUID::randomUUID);
    UUID correlationId = options.correlationId().orElseGet(UUID::randomUUID);
    Request request = api.checkoutCart(customer, cart, requestId, correlationId, localeTag,
        LibraryVersion.clientHeader(), settings.applicationName, CONTRACT_VERSION,
        options.customerUserUpn().orElse(null)).request();
    return new Exchange(request, requestId.toString(), correlationId.toString());
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
          : Character.digit(c, 16) >= 0;
    }
    if (!valid) {
      throw new IllegalArgumentException(
          name + " must be a GUID such as d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d, got '" + value
              + "'");
    }
    return UUID.fromString(value);
  }

  private static String userAgent() {
    return LibraryVersion.clientHeader() + " (Java " + System.getProperty("java.version") + ")";
  }

  /** One logical call: its request and IDs, and how its outcome becomes a result or exception. */
  private final class Exchange {
    final Request request;
    final String requestId;
    final String correlationId;

    Exchange(Request request, String requestId, String correlationId) {
      this.request = request;
      this.requestId = requestId;
      this.correlationId = correlationId;
    }

    CartCheckoutResult handle(Response response) throws IOException {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw errorMapper.map(response, body, requestId, correlationId);
      }
      MediaType type = body.contentType();
      if (type != null && !"json".equals(type.subtype()) && !type.subtype().endsWith("+json")) {
        // An HTML page or other text from a proxy: not worth decoding, keep its start.
        throw errorMapper.undecodable(response, body, requestId, correlationId,
            new UndecodableBodyException("expected JSON but the content type is " + type, null));
      }
      try {
        return DecodingConverterFactory.decode(resultAdapter, body.source());
      } catch (UndecodableBodyException e) {
        throw new UndecodableResponseException(response.code(), response.header("Content-Type"),
            null, requestId, correlationId, response.header("MS-CV"), e);
      }
    }

    PartnerCenterException failure(IOException e) {
      if (e instanceof TokenUnavailableException) {
        return new AuthenticationException(
            "Could not obtain a Partner Center access token; nothing was sent", requestId,
            correlationId, e.getCause());
      }
      return new TransportException("Checkout failed before a complete response was received: "
          + e, requestId, correlationId, e);
    }
  }

  /**
   * Builds {@link CheckoutClient}. Not thread-safe; every setter validates at once and throws
   * {@link IllegalArgumentException} (or {@link NullPointerException} for null) on bad input.
   */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(PartnerCenterCloud.GLOBAL.apiBaseUrl());
    private AccessTokenSource tokenSource;
    private Locale locale = DEFAULT_LOCALE;
    private String applicationName;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private OkHttpClient httpClient;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.baseUrl = baseUrl;
      copy.tokenSource = tokenSource;
      copy.locale = locale;
      copy.applicationName = applicationName;
      copy.connectTimeout = connectTimeout;
      copy.readTimeout = readTimeout;
      copy.writeTimeout = writeTimeout;
      copy.callTimeout = callTimeout;
      copy.httpClient = httpClient;
      return copy;
    }

    /**
     * Sends requests to a named cloud's API host (the default is {@link PartnerCenterCloud#GLOBAL}).
     *
     * @param cloud the cloud
     * @return this builder
     */
    public Builder cloud(PartnerCenterCloud cloud) {
      this.baseUrl = HttpUrl.get(Objects.requireNonNull(cloud, "cloud").apiBaseUrl());
      return this;
    }

    /**
     * Sends requests to another host, such as a mock server or a proxy: {@code
     * http://127.0.0.1:4010}. Replaces {@link #cloud}.
     *
     * @param baseUrl an http or https URL without the {@code /v1} version segment
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL, or its path contains {@code
     *     v1}, or it has a query
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (url == null) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL, got '" + baseUrl + "'");
      }
      if (url.pathSegments().contains("v1")) {
        throw new IllegalArgumentException(
            "baseUrl must not contain the /v1 version segment (it is part of the path), got '"
                + baseUrl + "'");
      }
      if (url.query() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query, got '" + baseUrl + "'");
      }
      String text = url.toString();
      this.baseUrl = text.endsWith("/") ? url : HttpUrl.get(text + "/");
      return this;
    }

    /**
     * Authenticates every request with the same access token; for short-lived programs and tests.
     *
     * @param accessToken an Entra ID access token for the Partner Center API, without {@code
     *     Bearer}
     * @return this builder
     * @throws IllegalArgumentException if the token is blank or not a valid header value (the
     *     message does not show the token)
     */
    public Builder accessToken(String accessToken) {
      this.tokenSource = AccessTokenSource.ofStatic(accessToken);
      return this;
    }

    /**
     * Authenticates every request with a token from {@code source}, asked once per attempt.
     *
     * @param source a thread-safe token source
     * @return this builder
     */
    public Builder accessTokenSource(AccessTokenSource source) {
      this.tokenSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The {@code X-Locale} to send: the language of descriptions and error messages. Default
     * {@code en-US}.
     *
     * @param locale a locale with a language, such as {@code Locale.forLanguageTag("de-DE")}
     * @return this builder
     * @throws IllegalArgumentException if it has no language
     */
    public Builder locale(Locale locale) {
      Objects.requireNonNull(locale, "locale");
      if (locale.getLanguage().isEmpty()) {
        throw new IllegalArgumentException("locale must have a language, such as en-US");
      }
      this.locale = locale;
      return this;
    }

    /**
     * The {@code MS-PartnerCenter-Application} to send: the calling application's name, for
     * Microsoft's logs. Not sent by default.
     *
     * @param applicationName printable ASCII, or null to send none
     * @return this builder
     * @throws IllegalArgumentException if it is blank or has characters not allowed in a header
     */
    public Builder applicationName(String applicationName) {
      if (applicationName != null
          && (applicationName.isBlank()
              || !applicationName.chars().allMatch(c -> c >= ' ' && c < 0x7f))) {
        throw new IllegalArgumentException(
            "applicationName must be non-blank printable ASCII, got '" + applicationName + "'");
      }
      this.applicationName = applicationName;
      return this;
    }

    /**
     * Time allowed to connect (TCP and TLS). Default {@link #DEFAULT_CONNECT_TIMEOUT}.
     *
     * @param timeout a non-negative duration; zero means no limit
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * Longest wait between two reads of the response. Default {@link #DEFAULT_READ_TIMEOUT}.
     *
     * @param timeout a non-negative duration; zero means no limit
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requireTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Longest wait between two writes of the request. Default {@link #DEFAULT_WRITE_TIMEOUT}.
     *
     * @param timeout a non-negative duration; zero means no limit
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requireTimeout(timeout, "writeTimeout");
      return this;
    }

    /**
     * Limit on one whole HTTP call, from connecting to decoding. Default {@link
     * #DEFAULT_CALL_TIMEOUT}.
     *
     * @param timeout a non-negative duration; zero means no limit
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = requireTimeout(timeout, "callTimeout");
      return this;
    }

    /**
     * Shares an application's {@link OkHttpClient}: its connection pool, dispatcher, proxy, TLS
     * and interceptors. The client is not modified: a derived one (via {@code newBuilder()}) gets
     * this builder's timeouts and the authorization interceptor, which runs after the shared
     * client's own interceptors.
     *
     * @param httpClient the client to share, or null for a private one
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new, thread-safe client
     * @throws IllegalStateException if no access token or token source was set
     */
    public CheckoutClient build() {
      if (tokenSource == null) {
        throw new IllegalStateException(
            "an access token source is required: call accessToken(...) or accessTokenSource(...)");
      }
      return new CheckoutClient(this);
    }

    private static Duration requireTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + timeout);
      }
      return timeout;
    }
  }
}
