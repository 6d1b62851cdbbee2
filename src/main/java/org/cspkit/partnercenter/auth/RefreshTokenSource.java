package org.cspkit.partnercenter.auth;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AccessTokenSource;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;

/**
 * App+user tokens for the Partner Center API from a stored refresh token (the Secure Application
 * Model): the OAuth 2.0 refresh-token grant through MSAL4J, for scope {@link
 * PartnerCenterCloud#userImpersonationScope()}. The refresh token comes from a one-time
 * interactive consent with MFA (Partner Center page "Enable the secure application model").
 *
 * <p>Entra ID may return a new refresh token with each access token. This source then uses the
 * new one from then on and hands it to the {@link Builder#onRefreshTokenRotated} callback, so that
 * the caller can store it in place of the old one. Every {@link #getToken()} redeems the refresh
 * token; {@link org.cspkit.partnercenter.PartnerCenterClient} caches the access tokens. Calls are
 * serialized. Failures (an expired or revoked refresh token: AADSTS70008, AADSTS700082; a wrong
 * secret; an unknown tenant) throw {@link TokenAcquisitionException}, with the client secret, the
 * stored refresh token and the rotated ones masked wherever Entra ID echoes them, and every token
 * value and JWT-looking string masked in what it answered. Entra ID's {@code invalid_grant} to the
 * refresh token, AADSTS50076 and AADSTS50078 mean that a person must consent again (see {@link
 * TokenAcquisitionException#signInRequired()}); the client then throws {@link
 * org.cspkit.partnercenter.exception.SignInRequiredException}. Thread-safe; {@link #toString()}
 * shows no secret.
 */
public final class RefreshTokenSource implements AccessTokenSource {
  private static final JsonAdapter<Map<String, Object>> CACHE_JSON = new Moshi.Builder()
      .build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final PartnerCenterCloud cloud;
  private final String clientId;
  private final String description;
  private final Consumer<String> onRotated;
  private final KnownSecrets secrets;
  private final ConfidentialClientApplication application;
  private final ReentrantLock lock = new ReentrantLock();
  private String refreshToken;

  private RefreshTokenSource(Builder builder) {
    Msal.requireText(builder.refreshToken, "refreshToken");
    this.secrets = builder.secrets(builder.refreshToken);
    this.application = builder.application(secrets);
    this.cloud = builder.cloud;
    this.clientId = builder.clientId;
    this.description = builder.describe();
    this.onRotated = builder.onRotated;
    this.refreshToken = builder.refreshToken;
  }

  /**
   * A builder for the global cloud.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Redeems the current refresh token for an access token.
   *
   * @return the access token
   * @throws TokenAcquisitionException if Entra ID refuses or cannot be reached; {@link
   *     TokenAcquisitionException#signInRequired()} when it answers {@code invalid_grant} (the
   *     refresh token no longer works), AADSTS50076 or AADSTS50078
   * @throws RuntimeException whatever the rotation callback throws; the new refresh token is in
   *     use regardless
   */
  @Override
  public AccessToken getToken() {
    lock.lock();
    try {
      AccessToken token = Msal.await(
          application.acquireToken(
              RefreshTokenParameters.builder(Set.of(cloud.userImpersonationScope()), refreshToken)
                  .build()),
          secrets,
          true);
      String latest = cachedRefreshToken();
      if (latest != null && !latest.equals(refreshToken)) {
        secrets.addRotated(latest);
        refreshToken = latest;
        onRotated.accept(latest);
      }
      return token;
    } finally {
      lock.unlock();
    }
  }

  /** The refresh token MSAL4J stored from the last response for this app, if any. */
  private String cachedRefreshToken() {
    Map<String, Object> cache;
    try {
      cache = CACHE_JSON.fromJson(application.tokenCache().serialize());
    } catch (IOException | RuntimeException e) {
      throw new TokenAcquisitionException(
          "token_cache", "cannot read MSAL4J's token cache: " + e.getClass().getSimpleName(), null);
    }
    Object refreshTokens = cache == null ? null : cache.get("RefreshToken");
    if (!(refreshTokens instanceof Map<?, ?> entries)) {
      return null;
    }
    String latest = null;
    for (Object entry : entries.values()) {
      if (entry instanceof Map<?, ?> fields
          && clientId.equals(fields.get("client_id"))
          && fields.get("secret") instanceof String secret) {
        latest = secret;
      }
    }
    return latest;
  }

  /** Shows the cloud, tenant, client ID and kind of credential; never a token or secret. */
  @Override
  public String toString() {
    return "RefreshTokenSource{" + description + "}";
  }

  /** Builds {@link RefreshTokenSource}. Not thread-safe. */
  public static final class Builder extends ConfidentialClientBuilder<Builder> {
    private String refreshToken;
    private Consumer<String> onRotated = rotated -> {};

    private Builder() {}

    /**
     * The stored refresh token to start from.
     *
     * @param refreshToken the refresh token; a secret
     * @return this builder
     */
    public Builder refreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /**
     * Called with each new refresh token Entra ID returns, on the thread that redeemed the old
     * one; store it where the old one was. Default: nothing.
     *
     * @param onRotated the callback
     * @return this builder
     */
    public Builder onRefreshTokenRotated(Consumer<String> onRotated) {
      this.onRotated = Objects.requireNonNull(onRotated, "onRotated");
      return this;
    }

    /**
     * Builds the source; nothing is requested yet.
     *
     * @return the source
     * @throws IllegalArgumentException if the tenant ID, client ID, credential or refresh token is
     *     missing
     */
    public RefreshTokenSource build() {
      return new RefreshTokenSource(this);
    }
  }
}
