package org.cspkit.partnercenter.bench;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.cspkit.partnercenter.PartnerCenterClient;

/**
 * What the raw OkHttp floor sends for one operation: the very request our client put on the
 * wire (method, URL, every header, the body's bytes and media type), captured once, with new
 * {@code MS-RequestId} and {@code MS-CorrelationId} values for each call, as any hand-written
 * client has to make. Immutable; {@link #next()} is thread-safe.
 */
final class FloorRequest {
  /** Headers OkHttp itself adds (or takes from the body) on every request. */
  private static final Set<String> OKHTTP_OWN = Set.of(
      "host",
      "connection",
      "accept-encoding",
      "content-length",
      "content-type",
      "transfer-encoding");

  private final String method;
  private final HttpUrl url;
  private final Headers headers;
  private final RequestBody body;

  private FloorRequest(String method, HttpUrl url, Headers headers, RequestBody body) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Makes one call with a client of ours built like the benchmark's, on an OkHttp client whose
   * network interceptor keeps the request as written.
   */
  static FloorRequest capture(
      String baseUrl, String accessToken, Consumer<PartnerCenterClient> operation)
      throws IOException {
    AtomicReference<FloorRequest> captured = new AtomicReference<>();
    OkHttpClient spy = new OkHttpClient.Builder()
        .addNetworkInterceptor(chain -> {
          Request sent = chain.request();
          Headers.Builder kept = new Headers.Builder();
          for (int i = 0; i < sent.headers().size(); i++) {
            String name = sent.headers().name(i);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!OKHTTP_OWN.contains(lower)
                && !lower.equals("ms-requestid")
                && !lower.equals("ms-correlationid")) {
              kept.add(name, sent.headers().value(i));
            }
          }
          RequestBody body = null;
          if (sent.body() != null) {
            Buffer bytes = new Buffer();
            sent.body().writeTo(bytes);
            body = RequestBody.create(bytes.readByteArray(), sent.body().contentType());
          }
          captured.set(new FloorRequest(sent.method(), sent.url(), kept.build(), body));
          return chain.proceed(sent);
        })
        .build();
    try (PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(baseUrl)
        .accessToken(accessToken)
        .httpClient(spy)
        .build()) {
      operation.accept(client);
    } finally {
      spy.dispatcher().executorService().shutdown();
      spy.connectionPool().evictAll();
    }
    if (captured.get() == null) {
      throw new IOException("no request was captured");
    }
    return captured.get();
  }

  /** The OkHttp client of the floor: defaults, with the dispatcher opened to 64 calls per host. */
  static OkHttpClient okHttp() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(dispatcher).build();
  }

  /** The request of one call, with its own IDs. */
  Request next() {
    return new Request.Builder()
        .url(url)
        .headers(headers)
        .header("MS-RequestId", UUID.randomUUID().toString())
        .header("MS-CorrelationId", UUID.randomUUID().toString())
        .method(method, body)
        .build();
  }

  @Override
  public String toString() {
    return method + " " + url + " (" + headers.size() + " headers + 2 IDs, "
        + (body == null ? "no body" : body.contentType() + " body") + ")";
  }
}
