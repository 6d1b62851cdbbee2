package org.cspkit.partnercenter.auth;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IHttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cspkit.partnercenter.PartnerCenterCloud;

/**
 * What both MSAL4J token sources are built from: the cloud, the partner's tenant, and the app
 * registered for Partner Center with its credential (a client secret or a certificate). Not
 * thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ConfidentialClientBuilder<B extends ConfidentialClientBuilder<B>> {
  PartnerCenterCloud cloud = PartnerCenterCloud.GLOBAL;
  String tenantId;
  String clientId;
  Msal.Credential credential;
  IHttpClient httpClient;

  ConfidentialClientBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The cloud, which sets the authority and the scope. Default {@link PartnerCenterCloud#GLOBAL}.
   *
   * @param cloud the cloud
   * @return this builder
   */
  public B cloud(PartnerCenterCloud cloud) {
    this.cloud = Objects.requireNonNull(cloud, "cloud");
    return self();
  }

  /**
   * The partner's Entra ID tenant.
   *
   * @param tenantId the tenant ID (a GUID) or a verified domain such as {@code
   *     contoso.onmicrosoft.com}
   * @return this builder
   */
  public B tenantId(String tenantId) {
    this.tenantId = tenantId;
    return self();
  }

  /**
   * The application (client) ID of the app registered for Partner Center.
   *
   * @param clientId a GUID
   * @return this builder
   */
  public B clientId(String clientId) {
    this.clientId = clientId;
    return self();
  }

  /**
   * Authenticates the app with a client secret. Replaces a certificate.
   *
   * @param clientSecret the secret value (not its ID); kept inside MSAL4J, and by the source only
   *     to mask it wherever Entra ID echoes it
   * @return this builder
   * @throws IllegalArgumentException if it is null or blank
   */
  public B clientSecret(String clientSecret) {
    this.credential = Msal.Credential.secret(clientSecret);
    return self();
  }

  /**
   * Authenticates the app with a certificate. Replaces a client secret.
   *
   * @param privateKey the certificate's RSA private key
   * @param certificate the certificate registered on the app
   * @return this builder
   */
  public B certificate(PrivateKey privateKey, X509Certificate certificate) {
    this.credential = Msal.Credential.certificate(privateKey, certificate);
    return self();
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
  public B pkcs12Certificate(Path file, String password) {
    this.credential = Msal.Credential.pkcs12(file, password);
    return self();
  }

  /**
   * The HTTP client MSAL4J uses to reach Entra ID, for proxies and tests. Default: MSAL4J's own.
   * The source masks its secrets in Entra ID's error responses before MSAL4J reads them, so that
   * an authority echoing the posted form does not put them in MSAL4J's log.
   *
   * @param httpClient the client, or null for MSAL4J's default
   * @return this builder
   */
  public B msalHttpClient(IHttpClient httpClient) {
    this.httpClient = httpClient;
    return self();
  }

  /**
   * The secrets the source will hold: the credential's and {@code more} (a refresh token).
   *
   * @throws IllegalArgumentException if no credential was set
   */
  KnownSecrets secrets(String... more) {
    if (credential == null) {
      throw new IllegalArgumentException("a client secret or a certificate is required");
    }
    List<String> values = new ArrayList<>(credential.secrets());
    values.addAll(Arrays.asList(more));
    return new KnownSecrets(values);
  }

  /**
   * The MSAL4J application; fails if the tenant, client or credential is missing or invalid.
   *
   * @param secrets what to mask in Entra ID's error responses before MSAL4J reads them
   */
  ConfidentialClientApplication application(KnownSecrets secrets) {
    if (credential == null) {
      throw new IllegalArgumentException("a client secret or a certificate is required");
    }
    return Msal.application(cloud, tenantId, clientId, credential, httpClient, secrets);
  }

  /** The settings without secrets, for {@code toString()}. */
  String describe() {
    return "cloud=" + cloud + ", tenantId=" + tenantId + ", clientId=" + clientId
        + ", credential=" + credential.kind();
  }
}
