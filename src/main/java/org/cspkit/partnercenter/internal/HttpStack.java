package org.cspkit.partnercenter.internal;

import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The HTTP stack every attempt is sent through: the OkHttp client with the client's interceptors
 * ({@link AuthorizationInterceptor} adds the attempt's token and the {@code User-Agent}, {@link
 * WireInterceptor} marks the request sent and stops a second request within an attempt), and none
 * of OkHttp's own re-sends: no retry on a connection failure or a 408, no redirect, no
 * authenticator replaying a 401. Every request that leaves the client is an attempt the retry
 * policy decided on. Thread-safe; one per client.
 */
final class HttpStack {
  private final OkHttpClient client;
  private final boolean owned;
  private final AuthorizationInterceptor authorization;

  /**
   * Builds the stack.
   *
   * @param http the client's settings: a new builder, or one derived from the caller's client
   * @param owned whether the connections and threads are the client's own, released on {@link
   *     #close()}, rather than shared with the caller's {@code OkHttpClient}
   * @param userAgent the {@code User-Agent} to send
   */
  HttpStack(OkHttpClient.Builder http, boolean owned, String userAgent) {
    this.authorization = new AuthorizationInterceptor(userAgent);
    this.client = http.retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .authenticator(Authenticator.NONE)
        .addInterceptor(authorization)
        .addNetworkInterceptor(new WireInterceptor())
        .build();
    this.owned = owned;
  }

  /**
   * A call of one attempt; its request carries the attempt's {@link AttemptState} as a tag.
   *
   * @param request the request
   * @return the call, not yet executed
   */
  Call newCall(Request request) {
    return client.newCall(request);
  }

  /**
   * The call factory Retrofit builds requests with: the same client with no event listener, since
   * its calls are never executed.
   *
   * @return the factory
   */
  Call.Factory requestBuilder() {
    return client.newBuilder().eventListener(EventListener.NONE).build();
  }

  /**
   * A request as it would be sent with {@code token}, for previews.
   *
   * @param request the request
   * @param token the token value to show, such as a mask
   * @return the request with the {@code Authorization} and {@code User-Agent} headers
   */
  Request authorize(Request request, String token) {
    return authorization.authorize(request, token);
  }

  /**
   * Releases the client's threads and idle connections if they are its own; a caller's {@code
   * OkHttpClient} is left alone.
   */
  void close() {
    if (owned) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
