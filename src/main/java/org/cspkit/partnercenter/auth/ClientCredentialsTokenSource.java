package org.cspkit.partnercenter.auth;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import java.util.Set;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AccessTokenSource;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;

/**
 * App-only tokens for the Partner Center API: the OAuth 2.0 client credentials grant through
 * MSAL4J, with a client secret or a certificate, for scope {@link
 * PartnerCenterCloud#appOnlyScope()} (such as {@code https://api.partnercenter.microsoft.com/.default},
 * not the retired {@code graph.windows.net} audience). Cart checkout accepts app-only tokens
 * (Partner Center page "Partner Center authentication").
 *
 * <p>Every {@link #getToken()} asks Entra ID for a new token; {@link
 * org.cspkit.partnercenter.PartnerCenterClient} caches them. Failures throw {@link
 * TokenAcquisitionException} with the AADSTS code, and with the client secret or certificate
 * password masked wherever Entra ID echoes it, and every token value and JWT-looking string masked
 * in what it answered (such as a 200 cut off after the access token). Thread-safe; {@link
 * #toString()} shows no secret.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {
  private final PartnerCenterCloud cloud;
  private final String description;
  private final KnownSecrets secrets;
  private final ConfidentialClientApplication application;

  private ClientCredentialsTokenSource(Builder builder) {
    this.secrets = builder.secrets();
    this.application = builder.application(secrets);
    this.cloud = builder.cloud;
    this.description = builder.describe();
  }

  /**
   * A builder for the global cloud.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AccessToken getToken() {
    return Msal.await(
        application.acquireToken(ClientCredentialParameters.builder(Set.of(cloud.appOnlyScope()))
            .skipCache(true)
            .build()),
        secrets,
        false);
  }

  /** Shows the cloud, tenant, client ID and kind of credential; never the secret or key. */
  @Override
  public String toString() {
    return "ClientCredentialsTokenSource{" + description + "}";
  }

  /** Builds {@link ClientCredentialsTokenSource}. Not thread-safe. */
  public static final class Builder extends ConfidentialClientBuilder<Builder> {
    private Builder() {}

    /**
     * Builds the source; no token is requested yet.
     *
     * @return the source
     * @throws IllegalArgumentException if the tenant ID, client ID or credential is missing, or
     *     the tenant ID does not make a valid authority
     */
    public ClientCredentialsTokenSource build() {
      return new ClientCredentialsTokenSource(this);
    }
  }
}
