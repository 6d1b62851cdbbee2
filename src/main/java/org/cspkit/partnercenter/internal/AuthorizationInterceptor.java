package org.cspkit.partnercenter.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Adds {@code Authorization: Bearer …} and the library's {@code User-Agent} to every attempt. It
 * is the client's last application interceptor, so the application interceptors of a shared {@link
 * okhttp3.OkHttpClient} never see the token; its network interceptors do, as they see every header
 * that goes on the wire. The token is the one {@link Pipeline} got for
 * the attempt (from the token cache, within the deadline) and put in the request's {@link
 * AttemptState} tag; a 401 is handled there too, as an attempt of its own.
 */
final class AuthorizationInterceptor implements Interceptor {
  private final String userAgent;

  /** The last token's header value: a token serves every attempt until it is refreshed. */
  private volatile Bearer last;

  /** A token and its {@code Authorization} value; its {@code toString()} shows neither. */
  private record Bearer(String token, String header) {
    @Override
    public String toString() {
      return "Bearer[" + Redaction.MASK + "]";
    }
  }

  AuthorizationInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  /**
   * {@code Bearer <token>}, made once per token: a real token is about 1,500 characters, and
   * concatenating it again for every attempt was a copy of that size per request.
   */
  @SuppressWarnings("ReferenceEquality") // the token cache hands out the same string each time
  private String bearer(String tokenValue) {
    Bearer bearer = last;
    if (bearer == null || (bearer.token() != tokenValue && !bearer.token().equals(tokenValue))) {
      bearer = new Bearer(tokenValue, "Bearer " + tokenValue);
      last = bearer;
    }
    return bearer.header();
  }

  @Override
  public okhttp3.Response intercept(Chain chain) throws IOException {
    AttemptState state = chain.request().tag(AttemptState.class);
    if (state == null) {
      throw new IOException("a request without an attempt: only the pipeline sends");
    }
    return chain.proceed(authorize(chain.request(), state.token()));
  }

  /**
   * The request with the authorization and user-agent headers set.
   *
   * @param request the request built from the generated Retrofit interface, with the standard headers
   * @param tokenValue the bearer token value (or a mask, for previews)
   * @return the request to send
   */
  Request authorize(Request request, String tokenValue) {
    return request
        .newBuilder()
        .header("Authorization", bearer(tokenValue))
        .header("User-Agent", userAgent)
        .build();
  }
}
