package org.cspkit.checkout.auth;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IHttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Set;
import org.cspkit.checkout.AccessToken;
import org.cspkit.checkout.AccessTokenSource;
import org.cspkit.checkout.PartnerCenterCloud;

/**
 * App-only tokens for the Partner Center API: the OAuth 2.0 client credentials grant through
 * MSAL4J, with a client secret or a certificate, for scope {@link
 * PartnerCenterCloud#appOnlyScope()} (such as {@code https://api.partnercenter.microsoft.com/.default},
 * not the retired {@code graph.windows.net} audience). Cart checkout accepts app-only tokens
 * (Partner Center page "Partner Center authentication").
 *
 * <p>Every {@link #getToken()} asks Entra ID for a new token; {@link
 * org.cspkit.checkout.CheckoutClient} caches them. Failures throw {@link
 * TokenAcquisitionException} with the AADSTS code. Thread-safe; {@link #toString()} shows no
 * secret.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {
  private final PartnerCenterCloud cloud;
  private final String tenantId;
  private final String clientId;
  private final String credentialKind;
  private final ConfidentialClientApplication application;

  private ClientCredentialsTokenSource(Builder builder) {
    this.cloud = builder.cloud;
    this.tenantId = builder.tenantId;
    this.clientId = builder.clientId;
    this.credentialKind = builder.credential == null ? null : builder.credential.kind();
    this.application = Msal.application(
        cloud, tenantId, clientId, builder.credential, builder.httpClient);
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
    return Msal.await(application.acquireToken(
        ClientCredentialParameters.builder(Set.of(cloud.appOnlyScope())).skipCache(true).build()));
  }

  /** Shows the cloud, tenant, client ID and kind of credential; never the secret or key. */
  @Override
  public String toString() {
    return "ClientCredentialsTokenSource{cloud=" + cloud + ", tenantId=" + tenantId
        + ", clientId=" + clientId + ", credential=" + credentialKind + "}";
  }

  /** Builds {@link ClientCredentialsTokenSource}. Not thread-safe. */
  public static final class Builder {
    private PartnerCenterCloud cloud = PartnerCenterCloud.GLOBAL;
    private String tenantId;
    private String clientId;
    private Msal.Credential credential;
    private IHttpClient httpClient;

    private Builder() {}

    /**
     * The cloud, which sets the authority and the scope. Default {@link PartnerCenterCloud#GLOBAL}.
     *
     * @param cloud the cloud
     * @return this builder
     */
    public Builder cloud(PartnerCenterCloud cloud) {
      this.cloud = Objects.requireNonNull(cloud, "cloud");
      return this;
    }

    /**
     * The partner's Entra ID tenant.
     *
     * @param tenantId the tenant ID (a GUID) or a verified domain such as {@code
     *     contoso.onmicrosoft.com}
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /**
     * The application (client) ID of the app registered for Partner Center.
     *
     * @param clientId a GUID
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * Authenticates the app with a client secret. Replaces a certificate.
     *
     * @param clientSecret the secret value (not its ID); kept only inside MSAL4J
     * @return this builder
     * @throws IllegalArgumentException if it is null or blank
     */
    public Builder clientSecret(String clientSecret) {
      this.credential = Msal.Credential.secret(clientSecret);
      return this;
    }

    /**
     * Authenticates the app with a certificate. Replaces a client secret.
     *
     * @param privateKey the certificate's RSA private key
     * @param certificate the certificate registered on the app
     * @return this builder
     */
    public Builder certificate(PrivateKey privateKey, X509Certificate certificate) {
      this.credential = Msal.Credential.certificate(privateKey, certificate);
      return this;
    }

    /**
     * Authenticates the app with a certificate from a PKCS#12 file ({@code .pfx}, {@code .p12}).
     * Replaces a client secret.
     *
     * @param file the file, read now
     * @param password the file's password
     * @return this builder
     * @throws IllegalArgumentException if the file cannot be read or opened (the message never
     *     shows the password)
     */
    public Builder pkcs12Certificate(Path file, String password) {
      this.credential = Msal.Credential.pkcs12(file, password);
      return this;
    }

    /**
     * The HTTP client MSAL4J uses to reach Entra ID, for proxies and tests. Default: MSAL4J's own.
     *
     * @param httpClient the client, or null for MSAL4J's default
     * @return this builder
     */
    public Builder msalHttpClient(IHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Builds the source; no token is requested yet.
     *
     * @return the source
     * @throws IllegalArgumentException if the tenant ID, client ID or credential is missing, or
     *     the tenant ID does not make a valid authority
     */
    public ClientCredentialsTokenSource build() {
      if (credential == null) {
        throw new IllegalArgumentException("a client secret or a certificate is required");
      }
      return new ClientCredentialsTokenSource(this);
    }
  }
}
