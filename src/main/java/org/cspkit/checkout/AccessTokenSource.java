package org.cspkit.checkout;

/**
 * Supplies the bearer token sent with each Partner Center request.
 *
 * <p>Called once per HTTP attempt, on the thread that sends it (the caller's thread for {@link
 * CheckoutClient#checkout}, an OkHttp dispatcher thread for {@link CheckoutClient#checkoutAsync}),
 * so implementations must be thread-safe and should cache tokens until shortly before they
 * expire. Any exception thrown here becomes a {@link
 * org.cspkit.checkout.exception.AuthenticationException} and no request is sent.
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
   */
  AccessToken getToken();

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
