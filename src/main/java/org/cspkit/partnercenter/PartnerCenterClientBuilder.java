package org.cspkit.partnercenter;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds {@link PartnerCenterClient}. Not thread-safe; every setter validates at once and throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for null) on bad input.
 */
public final class PartnerCenterClientBuilder {
  HttpUrl baseUrl = HttpUrl.get(PartnerCenterCloud.GLOBAL.apiBaseUrl());
  AccessTokenSource tokenSource;
  Locale locale = PartnerCenterClient.DEFAULT_LOCALE;
  String applicationName;
  Duration connectTimeout = PartnerCenterClient.DEFAULT_CONNECT_TIMEOUT;
  Duration readTimeout = PartnerCenterClient.DEFAULT_READ_TIMEOUT;
  Duration writeTimeout = PartnerCenterClient.DEFAULT_WRITE_TIMEOUT;
  Duration callTimeout = PartnerCenterClient.DEFAULT_CALL_TIMEOUT;
  OkHttpClient httpClient;
  Duration tokenRefreshMargin = PartnerCenterClient.DEFAULT_TOKEN_REFRESH_MARGIN;
  RetryOptions retryOptions = RetryOptions.DEFAULT;
  long maxResponseBodySize = PartnerCenterClient.DEFAULT_MAX_RESPONSE_BODY_SIZE;
  int maxAsyncConcurrency = PartnerCenterClient.DEFAULT_MAX_ASYNC_CONCURRENCY;
  /** The application's OpenTelemetry, or null for the global one at {@link #build()}. */
  OpenTelemetry openTelemetry;
  /** The clock token expiries are compared with; tests in this package replace it. */
  Clock clock = Clock.systemUTC();

  /** The longest timeout or margin accepted: one day. */
  static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  PartnerCenterClientBuilder() {}

  PartnerCenterClientBuilder copy() {
    PartnerCenterClientBuilder copy = new PartnerCenterClientBuilder();
    copy.baseUrl = baseUrl;
    copy.tokenSource = tokenSource;
    copy.locale = locale;
    copy.applicationName = applicationName;
    copy.connectTimeout = connectTimeout;
    copy.readTimeout = readTimeout;
    copy.writeTimeout = writeTimeout;
    copy.callTimeout = callTimeout;
    copy.httpClient = httpClient;
    copy.tokenRefreshMargin = tokenRefreshMargin;
    copy.retryOptions = retryOptions;
    copy.maxResponseBodySize = maxResponseBodySize;
    copy.maxAsyncConcurrency = maxAsyncConcurrency;
    copy.openTelemetry = openTelemetry;
    copy.clock = clock;
    return copy;
  }

  /**
   * Sends requests to a named cloud's API host (the default is {@link PartnerCenterCloud#GLOBAL}).
   *
   * @param cloud the cloud
   * @return this builder
   */
  public PartnerCenterClientBuilder cloud(PartnerCenterCloud cloud) {
    this.baseUrl = HttpUrl.get(Objects.requireNonNull(cloud, "cloud").apiBaseUrl());
    return this;
  }

  /**
   * Sends requests to another host, such as a mock server or a proxy: {@code
   * http://127.0.0.1:4010}. Replaces {@link #cloud}.
   *
   * @param baseUrl an http or https URL without the {@code /v1} version segment
   * @return this builder
   * @throws IllegalArgumentException if it is not an http(s) URL, it has a {@code :} with no port
   *     after it, its path contains {@code v1}, or it has a query
   */
  public PartnerCenterClientBuilder baseUrl(String baseUrl) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL, got '" + baseUrl + "'");
    }
    if (hostAndPort(baseUrl).endsWith(":")) {
      // OkHttp reads "http://host:" as the scheme's default port, which the caller did not mean.
      throw new IllegalArgumentException(
          "baseUrl must name its port after ':' (or leave out the ':'), got '" + baseUrl + "'");
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

  /** The host and port of a URL as written, between "//" (and any user info) and the path. */
  private static String hostAndPort(String url) {
    int start = url.indexOf("//");
    start = start < 0 ? 0 : start + 2;
    int end = start;
    while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end).strip();
    return authority.substring(authority.lastIndexOf('@') + 1);
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
  public PartnerCenterClientBuilder accessToken(String accessToken) {
    this.tokenSource = AccessTokenSource.ofStatic(accessToken);
    return this;
  }

  /**
   * Authenticates every request with a token from {@code source}. The client caches its tokens
   * until {@link #tokenRefreshMargin} before they expire, asks it once for all concurrent callers,
   * and asks again (after {@link AccessTokenSource#invalidate}) when Partner Center answers 401.
   * In the first half of the margin, one caller fetches the next token while the others keep
   * using the current one.
   *
   * @param source a thread-safe token source
   * @return this builder
   */
  public PartnerCenterClientBuilder accessTokenSource(AccessTokenSource source) {
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
  public PartnerCenterClientBuilder locale(Locale locale) {
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
  public PartnerCenterClientBuilder applicationName(String applicationName) {
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
   * Time allowed to connect (TCP and TLS). Default {@link PartnerCenterClient#DEFAULT_CONNECT_TIMEOUT}.
   *
   * @param timeout zero (no limit), or from 1 millisecond to 1 day
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = requireTimeout(timeout, "connectTimeout");
    return this;
  }

  /**
   * Longest wait between two reads of the response. Default {@link PartnerCenterClient#DEFAULT_READ_TIMEOUT}.
   *
   * @param timeout zero (no limit), or from 1 millisecond to 1 day
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = requireTimeout(timeout, "readTimeout");
    return this;
  }

  /**
   * Longest wait between two writes of the request. Default {@link PartnerCenterClient#DEFAULT_WRITE_TIMEOUT}.
   *
   * @param timeout zero (no limit), or from 1 millisecond to 1 day
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder writeTimeout(Duration timeout) {
    this.writeTimeout = requireTimeout(timeout, "writeTimeout");
    return this;
  }

  /**
   * Limit on one HTTP attempt, from connecting to decoding; each attempt is also cut at the
   * retry deadline ({@link RetryOptions#deadline()}). Default {@link
   * PartnerCenterClient#DEFAULT_CALL_TIMEOUT}.
   *
   * @param timeout zero (no limit), or from 1 millisecond to 1 day
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = requireTimeout(timeout, "callTimeout");
    return this;
  }

  /**
   * How calls are retried. Default {@link RetryOptions#DEFAULT}: 4 attempts within 120
   * seconds; {@link RetryOptions#NONE} turns retries off. A call can override it with {@link
   * RequestOptions.Builder#retryOptions}.
   *
   * @param retryOptions the options
   * @return this builder
   */
  public PartnerCenterClientBuilder retryOptions(RetryOptions retryOptions) {
    this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
    return this;
  }

  /**
   * How long before its expiry a cached token is replaced, at most half the token's lifetime (a
   * token valid for 60 seconds is replaced 30 seconds before it expires). Default {@link
   * PartnerCenterClient#DEFAULT_TOKEN_REFRESH_MARGIN}. Tokens whose source gives no expiry are kept
   * until Partner Center rejects them.
   *
   * @param margin zero, or from 1 millisecond to 1 day; a token is replaced at most half its
   *     lifetime before it expires, whatever the margin
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder tokenRefreshMargin(Duration margin) {
    this.tokenRefreshMargin = requireTimeout(margin, "tokenRefreshMargin");
    return this;
  }

  /**
   * The largest success body decoded, counted after any content decoding (gzip). A 200 or 201
   * whose body is larger ends in {@link org.cspkit.partnercenter.exception.UndecodableResponseException}
   * (the call may have succeeded) without reading further. Default {@link
   * PartnerCenterClient#DEFAULT_MAX_RESPONSE_BODY_SIZE} (8 MiB), far above a real result (the
   * documentation's three orders take about 3 KiB). Error bodies are always read up to 64 KiB.
   *
   * @param bytes from 1 KiB (1024) to 1 GiB
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder maxResponseBodySize(long bytes) {
    if (bytes < 1024 || bytes > 1024L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "maxResponseBodySize must be from 1024 bytes to 1 GiB, got " + bytes);
    }
    this.maxResponseBodySize = bytes;
    return this;
  }

  /**
   * The most attempts of {@code …Async} calls (such as {@link CartsService#checkoutAsync(String,
   * String)}) in flight at once, across the client: each runs on one of the client's threads and
   * holds one connection. More calls wait in a queue, their deadline running. Blocking calls run
   * on their callers' threads and are not counted. Default {@link
   * PartnerCenterClient#DEFAULT_MAX_ASYNC_CONCURRENCY}.
   *
   * @param limit from 1 to 1024
   * @return this builder
   * @throws IllegalArgumentException if outside that range
   */
  public PartnerCenterClientBuilder maxAsyncConcurrency(int limit) {
    if (limit < 1 || limit > 1024) {
      throw new IllegalArgumentException(
          "maxAsyncConcurrency must be from 1 to 1024, got " + limit);
    }
    this.maxAsyncConcurrency = limit;
    return this;
  }

  /**
   * Shares an application's {@link OkHttpClient}: its connection pool, proxy, TLS and
   * interceptors. The client is not modified: a derived one (via {@code newBuilder()}) gets this
   * builder's timeouts and the authorization interceptor, which runs after the shared client's
   * own interceptors. The derived client never sends a request the retry policy did not decide on:
   * it does not follow redirects, retry on connection failure or run an {@link
   * okhttp3.Authenticator}, whatever the shared client's settings, and an interceptor that sends a
   * request twice is stopped at the second. {@link PartnerCenterClient#close()} leaves the shared
   * client's threads and connections alone. Token requests to Entra ID are not sent with it: give
   * the same client to the token source too ({@link
   * org.cspkit.partnercenter.auth.ConfidentialClientBuilder#httpClient(OkHttpClient)}), so that
   * one proxy, TLS and timeout setting covers both.
   *
   * @param httpClient the client to share, or null for a private one
   * @return this builder
   */
  public PartnerCenterClientBuilder httpClient(OkHttpClient httpClient) {
    this.httpClient = httpClient;
    return this;
  }

  /**
   * Where the client's traces and metrics go. Each call is a span {@code PartnerCenter
   * <operationId>} (such as {@code PartnerCenter checkoutCart}), a child of the span current on
   * the calling thread, and each HTTP attempt that was handed to a connection a CLIENT span named
   * by its method, a child of the call's span, whose trace context is sent in the request's headers ({@code traceparent}) by
   * {@code openTelemetry}'s propagators. The metrics are {@code partner_center.operation.duration}
   * (seconds), {@code partner_center.attempts} and {@code http.client.request.duration}
   * (seconds), by operation and outcome. Scope {@code org.cspkit.partnercenter}, with the
   * library's version. No token appears in any attribute.
   *
   * <p>Not set, the client uses the OpenTelemetry registered globally when {@link #build()} runs
   * ({@link GlobalOpenTelemetry#getOrNoop()}): the Java agent's, or an SDK registered with {@code
   * buildAndRegisterGlobal()} before the client is built; with neither, nothing is recorded and
   * nothing is sent. Unlike {@code GlobalOpenTelemetry.get()}, this never sets the global
   * instance, so an application may still register its SDK later (a client built before then
   * records nothing).
   *
   * @param openTelemetry the OpenTelemetry to use, such as an {@code OpenTelemetrySdk} or
   *     {@link OpenTelemetry#noop()} to record nothing; null to go back to the global one
   * @return this builder
   */
  public PartnerCenterClientBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    return this;
  }

  /** The configured OpenTelemetry, or the global one now. */
  OpenTelemetry openTelemetry() {
    return openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.getOrNoop();
  }

  /**
   * Builds the client.
   *
   * @return a new, thread-safe client
   * @throws IllegalStateException if no access token or token source was set
   */
  public PartnerCenterClient build() {
    if (tokenSource == null) {
      throw new IllegalStateException(
          "an access token source is required: call accessToken(...) or accessTokenSource(...)");
    }
    return new PartnerCenterClient(this);
  }

  private static Duration requireTimeout(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (!timeout.isZero()
        && (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
      throw new IllegalArgumentException(
          name + " must be zero or from 1 millisecond to 1 day, got " + timeout);
    }
    return timeout;
  }
}
