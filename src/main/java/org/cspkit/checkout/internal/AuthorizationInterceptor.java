package org.cspkit.checkout.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.checkout.AccessToken;
import org.cspkit.checkout.AccessTokenSource;

/**
 * Adds {@code Authorization: Bearer …} from the token source, and the library's {@code
 * User-Agent}, to every attempt. On a 401 it invalidates the token, gets a fresh one and replays
 * the same request (same {@code MS-RequestId}) once; if the source has nothing new, or the replay
 * gets a 401 too, that 401 is the response. A token source that fails or returns null becomes a
 * {@link TokenUnavailableException}, so the failure travels as an {@link IOException} through
 * OkHttp (sync and async alike) and nothing is sent.
 */
public final class AuthorizationInterceptor implements Interceptor {
  private final AccessTokenSource tokenSource;
  private final String userAgent;

  /**
   * Creates the interceptor.
   *
   * @param tokenSource where tokens come from
   * @param userAgent the {@code User-Agent} value
   */
  public AuthorizationInterceptor(AccessTokenSource tokenSource, String userAgent) {
    this.tokenSource = tokenSource;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    AccessToken token = token();
    Response response = chain.proceed(authorize(chain.request(), token.value()));
    if (response.code() != 401) {
      return response;
    }
    AccessToken fresh;
    try {
      tokenSource.invalidate(token);
      fresh = token();
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (fresh.value().equals(token.value())) {
      return response;
    }
    response.close();
    return chain.proceed(authorize(chain.request(), fresh.value()));
  }

  private AccessToken token() throws TokenUnavailableException {
    AccessToken token;
    try {
      token = tokenSource.getToken();
    } catch (RuntimeException e) {
      throw new TokenUnavailableException(e);
    }
    if (token == null) {
      throw new TokenUnavailableException(
          new NullPointerException("the token source returned null"));
    }
    return token;
  }

  /**
   * The request with the authorization and user-agent headers set.
   *
   * @param request the request built by the generated {@code CartsApiRequests}
   * @param tokenValue the bearer token value (or a mask, for previews)
   * @return the request to send
   */
  public Request authorize(Request request, String tokenValue) {
    return request.newBuilder()
        .header("Authorization", "Bearer " + tokenValue)
        .header("User-Agent", userAgent)
        .build();
  }

  /** The token source failed; its exception is the cause. */
  public static final class TokenUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(Throwable cause) {
      super("the access token source failed: " + cause.getClass().getName(), cause);
    }
  }
}
