package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.function.Function;

/**
 * Supplies the bearer token sent with each Partner Center request.
 *
 * <p>{@link PartnerCenterClient} caches what this returns: it asks again only when the cached token is
 * within the client's refresh margin of its expiry (5 minutes by default), or after Partner Center
 * rejected it with a 401 (then it calls {@link #invalidate} first). Concurrent callers share one
 * call. {@link #getToken()} is called on the client's own token thread, one call at a time, and a
 * call waits for it at most until its deadline; {@link #invalidate} is called on the thread of
 * the attempt that got the 401. Implementations must be thread-safe.
 *
 * <p>Any exception thrown by {@link #getToken()} becomes a {@link
 * org.cspkit.partnercenter.exception.AuthenticationException} with status 0, and no request is
 * sent. <b>The client never copies the text of such an exception</b> (it may quote the token, a
 * refresh token or a secret the client never saw) into its own messages, span events, log lines
 * or the command line's output: the exception's cause is a stand-in that carries the original
 * class name, the AADSTS codes (such as {@code AADSTS7000215}) its message named, and its stack
 * trace, and so does each exception of its chain; the message itself is dropped, so the cause is
 * not of the thrown type. To pass on an error code and a description, throw {@link
 * org.cspkit.partnercenter.exception.TokenAcquisitionException}: its code and description become the
 * exception's service error and it stays the cause, with every {@code access_token}, {@code
 * refresh_token} and {@code id_token} value and every JWT-looking string masked, so put no other
 * secret in it. AADSTS50076 or AADSTS50078 (in either), or {@link
 * org.cspkit.partnercenter.exception.TokenAcquisitionException#signInRequired()}, make it a {@link
 * org.cspkit.partnercenter.exception.SignInRequiredException}.
 *
 * <p>Implementations: {@link #ofStatic(String)}, {@link #fromFunction(String, Function)} (for
 * another library's credential, such as azure-identity's {@code TokenCredential}), {@link
 * org.cspkit.partnercenter.auth.ClientCredentialsTokenSource} (app-only) and {@link
 * org.cspkit.partnercenter.auth.RefreshTokenSource} (app+user).
 *
 * <p>The token's audience must be the Partner Center API ({@code
 * https://api.partnercenter.microsoft.com}, or the 21Vianet host for that cloud), app-only or
 * app+user: see the Partner Center page "Partner Center authentication".
 */
@FunctionalInterface
public interface AccessTokenSource {

  /**
   * Returns a token that is valid now.
   *
   * @return the token, never null
   * @throws RuntimeException if no token can be had; see the class's description for what the
   *     client keeps of it (a {@link org.cspkit.partnercenter.exception.TokenAcquisitionException}'s code
   *     and description, never another exception's message)
   */
  AccessToken getToken();

  /**
   * Partner Center rejected {@code rejected} (401): the next {@link #getToken()} must not return
   * it from a cache. The default does nothing, which suits sources that do not cache.
   *
   * @param rejected the token that was rejected
   */
  default void invalidate(AccessToken rejected) {}

  /**
   * Adapts another library's token function: {@code tokenForScope} is called with {@code scope}
   * each time a token is needed (the client caches the result). For azure-identity, map its
   * {@code AccessToken} with {@code AccessToken.of(token.getToken(),
   * token.getExpiresAt().toInstant())}.
   *
   * @param scope the scope to request, such as {@link PartnerCenterCloud#appOnlyScope()}
   * @param tokenForScope returns a token for a scope; it must be thread-safe
   * @return the source
   */
  static AccessTokenSource fromFunction(String scope, Function<String, AccessToken> tokenForScope) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(tokenForScope, "tokenForScope");
    return new AccessTokenSource() {
      @Override
      public AccessToken getToken() {
        return tokenForScope.apply(scope);
      }

      @Override
      public String toString() {
        return "AccessTokenSource.fromFunction(" + scope + ")";
      }
    };
  }

  /**
   * A source that always returns the same token; for short-lived programs and tests.
   *
   * @param token the access token value
   * @return a thread-safe source whose {@code toString()} does not show the token
   * @throws IllegalArgumentException if {@code token} is null, blank or not a valid header value
   */
  static AccessTokenSource ofStatic(String token) {
    AccessToken accessToken = AccessToken.of(token);
    return new AccessTokenSource() {
      @Override
      public AccessToken getToken() {
        return accessToken;
      }

      @Override
      public String toString() {
        return "AccessTokenSource.ofStatic(****)";
      }
    };
  }
}
