package org.cspkit.partnercenter.auth;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.CookieJar;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * MSAL4J's HTTP client on OkHttp, so that token requests to Entra ID take the same proxy, TLS
 * settings, timeouts, connection pool and DNS as the Partner Center calls. The given client is
 * derived from (never modified) and the derived one differs in what token requests must not go
 * through: its interceptors are dropped (the request body holds the client secret, the client
 * assertion or the refresh token, and the response holds the tokens, so an application's logging
 * interceptor must not see them), as are its cookie jar, its cache and its {@link
 * Authenticator} (a 401 from Entra ID goes to MSAL4J, never to credentials meant for another
 * service), and redirects are not followed (a 307 would re-post the form to wherever it points).
 * The proxy authenticator is kept. Re-sends after a connection failure follow the given client's
 * {@code retryOnConnectionFailure} (on by default: a token request is safe to repeat); MSAL4J
 * retries a 5xx once on its own.
 *
 * <p>Nothing here logs, and no exception message holds the request or response body. Bodies of
 * more than {@value #MAX_BODY} bytes are refused. Thread-safe.
 */
final class OkHttpMsalClient implements IHttpClient {
  /** The largest response body read: Entra ID's answers take a few KiB. */
  static final long MAX_BODY = 1024 * 1024;

  /**
   * The client of sources given no OkHttp client: OkHttp's defaults, created when first used,
   * with the JVM's proxy selector looked up on each connection (as MSAL4J's own client does), so
   * that one an application installs later is still used.
   */
  private static final class Default {
    static final OkHttpMsalClient INSTANCE = new OkHttpMsalClient(
        new OkHttpClient.Builder().proxySelector(new CurrentProxySelector()).build());
  }

  /** Whatever {@link ProxySelector#getDefault()} is at the time of the connection. */
  private static final class CurrentProxySelector extends ProxySelector {
    @Override
    public List<Proxy> select(URI uri) {
      ProxySelector current = ProxySelector.getDefault();
      return current == null ? List.of(Proxy.NO_PROXY) : current.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
      ProxySelector current = ProxySelector.getDefault();
      if (current != null) {
        current.connectFailed(uri, address, failure);
      }
    }
  }

  private final OkHttpClient httpClient;

  /**
   * A client for MSAL4J derived from {@code shared}.
   *
   * @param shared the application's client, left as it is
   */
  OkHttpMsalClient(OkHttpClient shared) {
    OkHttpClient.Builder builder = shared.newBuilder();
    builder.interceptors().clear();
    builder.networkInterceptors().clear();
    this.httpClient = builder
        .cookieJar(CookieJar.NO_COOKIES)
        .cache(null)
        .authenticator(Authenticator.NONE)
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  /**
   * The client every source given no OkHttp client shares.
   *
   * @return the shared default
   */
  static OkHttpMsalClient defaultClient() {
    return Default.INSTANCE;
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws IOException {
    Headers.Builder headers = new Headers.Builder();
    String contentType = null;
    if (request.headers() != null) {
      for (Map.Entry<String, String> header : request.headers().entrySet()) {
        if (header.getKey() == null || header.getValue() == null) {
          continue;
        }
        if (header.getKey().equalsIgnoreCase("Content-Type")) {
          contentType = header.getValue();
        } else {
          headers.addUnsafeNonAscii(header.getKey(), header.getValue());
        }
      }
    }
    String method = request.httpMethod().name();
    RequestBody body = null;
    if (request.body() != null || method.equals("POST") || method.equals("PUT")) {
      String text = request.body() == null ? "" : request.body();
      body = RequestBody.create(
          text.getBytes(StandardCharsets.UTF_8),
          contentType == null ? null : MediaType.parse(contentType));
    }
    Request okRequest = new Request.Builder()
        .url(HttpUrl.get(request.url().toString()))
        .headers(headers.build())
        .method(method, body)
        .build();
    Call call = httpClient.newCall(okRequest);
    try (Response response = call.execute()) {
      return new Answer(response.code(), headersOf(response.headers()), bodyOf(response));
    }
  }

  /** The headers as MSAL4J looks them up: by name, whatever its case. */
  private static Map<String, List<String>> headersOf(Headers headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headers.size(); i++) {
      map.computeIfAbsent(headers.name(i), name -> new ArrayList<>()).add(headers.value(i));
    }
    map.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(map);
  }

  private static String bodyOf(Response response) throws IOException {
    ResponseBody body = response.body();
    BufferedSource source = body.source();
    if (source.request(MAX_BODY + 1)) {
      throw new IOException("the response of " + response.request().url().host()
          + " is larger than " + MAX_BODY + " bytes");
    }
    MediaType type = body.contentType();
    return source.readString(
        type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "OkHttpMsalClient{proxy=" + httpClient.proxy() + "}";
  }

  /** A response as MSAL4J reads it. */
  private record Answer(int statusCode, Map<String, List<String>> headers, String body)
      implements IHttpResponse {
    /** Status and header names only: the body holds tokens. */
    @Override
    public String toString() {
      return "Answer{" + statusCode + ", " + headers.keySet() + "}";
    }
  }
}
