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
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;

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
  OkHttpClient okHttpClient;

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
   * Sends the token requests to Entra ID with this OkHttp client: pass the {@link OkHttpClient}
   * given to {@link org.cspkit.partnercenter.PartnerCenterClientBuilder#httpClient} so that one
   * proxy (and proxy authenticator), TLS setting ({@code sslSocketFactory}, trust, certificate
   * pinning, hostname verifier), DNS and connection pool cover both. Token requests keep this
   * client's own connect, read, write and call timeouts (those of {@code
   * PartnerCenterClientBuilder} apply to Partner Center calls only). The client is not modified: token requests go through a client derived from it once, when the source is built,
   * which runs none of its interceptors (they would see the client secret or refresh token in
   * the request and the tokens in the response), keeps no cookies, uses no cache, runs no {@link
   * okhttp3.Authenticator} on a 401 and follows no redirect. Whether a request is re-sent after a
   * connection failure follows the client's {@code retryOnConnectionFailure} (on by default; a
   * token request is safe to repeat); MSAL4J itself retries a 5xx once. A failure to reach Entra
   * ID, the proxy's included, throws {@link TokenAcquisitionException} with code {@code
   * network_error}. Replaces {@link #msalHttpClient}.
   *
   * <p>Default: one OkHttp client with OkHttp's defaults (the JVM's proxy selector, so the {@code
   * https.proxyHost} system properties, the JVM's trust store, 10-second connect, read and write
   * timeouts), shared by all sources that were given none.
   *
   * @param httpClient the application's client, or null for the default
   * @return this builder
   */
  public B httpClient(OkHttpClient httpClient) {
    this.okHttpClient = httpClient;
    this.httpClient = null;
    return self();
  }

  /**
   * The HTTP client MSAL4J uses to reach Entra ID, for tests or another HTTP stack; {@link
   * #httpClient(OkHttpClient)} is the usual way to set a proxy. The source masks its secrets in
   * Entra ID's error responses before MSAL4J reads them, so that an authority echoing the posted
   * form does not put them in MSAL4J's log. Replaces {@link #httpClient(OkHttpClient)}.
   *
   * @param httpClient the client, or null for the default (see {@link
   *     #httpClient(OkHttpClient)})
   * @return this builder
   */
  public B msalHttpClient(IHttpClient httpClient) {
    this.httpClient = httpClient;
    this.okHttpClient = null;
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
    IHttpClient msalClient = httpClient != null
        ? httpClient
        : okHttpClient != null
            ? new OkHttpMsalClient(okHttpClient)
            : OkHttpMsalClient.defaultClient();
    return Msal.application(cloud, tenantId, clientId, credential, msalClient, secrets);
  }

  /** The settings without secrets, for {@code toString()}. */
  String describe() {
    return "cloud=" + cloud + ", tenantId=" + tenantId + ", clientId=" + clientId + ", credential="
        + credential.kind();
  }
}
