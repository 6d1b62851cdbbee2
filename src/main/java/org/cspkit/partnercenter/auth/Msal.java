package org.cspkit.partnercenter.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.internal.TokenRedaction;

/** What both MSAL4J token sources share: the confidential client, the call, the error mapping. */
final class Msal {
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

  private Msal() {}

  /**
   * The app's credential: a client secret or a certificate, described without secrets. Keeps the
   * secret strings it was made from (the client secret, the PKCS#12 password) so that they can be
   * masked wherever Entra ID echoes them; a class rather than a record so that nothing prints
   * them.
   */
  static final class Credential {
    private final IClientCredential msal;
    private final String kind;
    private final List<String> secrets;

    private Credential(IClientCredential msal, String kind, String secret) {
      this.msal = msal;
      this.kind = kind;
      this.secrets = secret == null ? List.of() : List.of(secret);
    }

    static Credential secret(String clientSecret) {
      if (clientSecret == null || clientSecret.isBlank()) {
        throw new IllegalArgumentException("clientSecret must not be null or blank");
      }
      return new Credential(
          ClientCredentialFactory.createFromSecret(clientSecret), "client secret", clientSecret);
    }

    static Credential certificate(PrivateKey key, X509Certificate certificate) {
      Objects.requireNonNull(key, "privateKey");
      Objects.requireNonNull(certificate, "certificate");
      return new Credential(
          ClientCredentialFactory.createFromCertificate(key, certificate),
          "certificate " + certificate.getSubjectX500Principal().getName(),
          null);
    }

    static Credential pkcs12(Path file, String password) {
      Objects.requireNonNull(file, "file");
      try (InputStream in = Files.newInputStream(file)) {
        return new Credential(
            ClientCredentialFactory.createFromCertificate(in, password),
            "certificate file " + file.getFileName(),
            password);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        // The message names the file and the failure class, never the password.
        throw new IllegalArgumentException(
            "cannot read the PKCS#12 certificate " + file + ": " + e.getClass().getSimpleName(),
            null);
      }
    }

    /** MSAL4J's credential. */
    IClientCredential msal() {
      return msal;
    }

    /** What the credential is, without secrets. */
    String kind() {
      return kind;
    }

    /** The secret strings it was made from: the client secret or the PKCS#12 password. */
    List<String> secrets() {
      return secrets;
    }

    /** The kind of credential; never a secret. */
    @Override
    public String toString() {
      return kind;
    }
  }

  /**
   * The confidential client. The HTTP client is wrapped so that MSAL4J reads Entra ID's error
   * responses with the known secrets masked: MSAL4J logs an error's description at WARN whatever
   * {@code logPii} says. MSAL4J's own default client is never used: it cannot be wrapped (it is
   * not public).
   */
  static ConfidentialClientApplication application(
      PartnerCenterCloud cloud,
      String tenantId,
      String clientId,
      Credential credential,
      IHttpClient httpClient,
      KnownSecrets secrets) {
    requireText(tenantId, "tenantId");
    requireText(clientId, "clientId");
    Objects.requireNonNull(credential, "a client secret or a certificate is required");
    try {
      ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(
              clientId, credential.msal())
          .authority(cloud.authority(tenantId))
          .logPii(false);
      builder.httpClient(
          new ScrubbingHttpClient(Objects.requireNonNull(httpClient, "httpClient"), secrets));
      return builder.build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid tenantId '" + tenantId + "' for the authority " + cloud.authorityHost() + ": "
              + e.getMessage(),
          null);
    }
  }

  /**
   * Waits for an MSAL call and turns its result or failure into ours.
   *
   * @param call the call
   * @param secrets what to mask in the failure
   * @param refreshGrant whether the call redeems a refresh token: its {@code invalid_grant} means
   *     that the user must sign in again
   */
  static AccessToken await(
      CompletableFuture<IAuthenticationResult> call, KnownSecrets secrets, boolean refreshGrant) {
    try {
      IAuthenticationResult result = call.get();
      return AccessToken.of(result.accessToken(), result.expiresOnDate().toInstant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new TokenAcquisitionException("interrupted", "the token request was interrupted", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), secrets.values(), refreshGrant);
    } catch (MsalException e) {
      throw failure(e, secrets.values(), refreshGrant);
    }
  }

  /**
   * The exception for a failed call of a grant other than the refresh token's; see {@link
   * #failure(Throwable, Collection, boolean)}.
   *
   * @param cause what MSAL threw
   * @param secrets the secret values to mask
   * @return the exception to throw
   */
  static TokenAcquisitionException failure(Throwable cause, Collection<String> secrets) {
    return failure(cause, secrets, false);
  }

  /**
   * The exception for a failed MSAL call, with the AADSTS code when Entra ID sent one, else
   * MSAL's error code. An authority may echo the posted form (client secret, refresh token) in
   * its {@code error} (which MSAL takes as the error code) or {@code error_description}, and
   * MSAL's message quotes a body it could not parse (a 200 cut off after the access token), so
   * the code, the description and the whole cause chain are scrubbed of {@code secrets}, of every
   * {@code access_token}, {@code refresh_token} and {@code id_token} value and of every
   * JWT-looking string ({@link TokenRedaction}); a cause that carried one is replaced by a copy
   * that keeps its class name, masked message and stack trace.
   *
   * @param cause what MSAL threw
   * @param secrets the secret values to mask
   * @param refreshGrant whether the call redeemed a refresh token
   * @return the exception to throw; {@link TokenAcquisitionException#signInRequired()} for
   *     AADSTS50076 and AADSTS50078, and for {@code invalid_grant} on a refresh-token grant
   */
  static TokenAcquisitionException failure(
      Throwable cause, Collection<String> secrets, boolean refreshGrant) {
    String description = TokenRedaction.scrub(
        cause.getMessage() == null ? cause.toString() : cause.getMessage(), secrets);
    String oauthError = cause instanceof MsalException msal ? msal.errorCode() : null;
    String code = oauthError != null
        ? TokenRedaction.scrub(oauthError, secrets)
        : hasIoCause(cause) ? "network_error" : cause.getClass().getSimpleName();
    if (cause instanceof MsalServiceException) {
      Matcher aadsts = AADSTS.matcher(description);
      if (aadsts.find()) {
        code = aadsts.group();
      }
    }
    boolean signIn = refreshGrant && "invalid_grant".equalsIgnoreCase(oauthError);
    return new TokenAcquisitionException(
        code, description, signIn, TokenRedaction.scrub(cause, secrets));
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be null or blank");
    }
  }

  /**
   * An HTTP client for MSAL4J that masks, before MSAL4J parses, logs or throws it, the known
   * secrets and every token shape ({@link TokenRedaction}) in every response that is not a
   * success, and the token shapes in a success whose body is not one whole JSON value (cut off,
   * or with text after it): MSAL4J cannot read such a body and quotes it in its exception. A
   * readable success is passed on untouched: it carries the tokens, and the new refresh token may
   * equal the one posted.
   */
  private static final class ScrubbingHttpClient implements IHttpClient {
    private final IHttpClient delegate;
    private final KnownSecrets secrets;

    ScrubbingHttpClient(IHttpClient delegate, KnownSecrets secrets) {
      this.delegate = delegate;
      this.secrets = secrets;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
      IHttpResponse response = delegate.send(request);
      int status = response.statusCode();
      String body = response.body();
      if (body == null) {
        return response;
      }
      String scrubbed;
      if (status >= 200 && status < 300) {
        scrubbed = isOneJsonValue(body) ? body : TokenRedaction.scrub(body);
      } else {
        scrubbed = TokenRedaction.scrub(body, secrets.values());
      }
      if (scrubbed.equals(body)) {
        return response;
      }
      HttpResponse copy = new HttpResponse().statusCode(status).body(scrubbed);
      if (response.headers() != null) {
        copy.addHeaders(response.headers());
      }
      return copy;
    }

    /** Whether the body is one complete JSON value and nothing else but white space. */
    private static boolean isOneJsonValue(String body) {
      try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
        reader.skipValue();
        return reader.peek() == JsonReader.Token.END_DOCUMENT;
      } catch (IOException | RuntimeException unreadable) {
        return false;
      }
    }

    @Override
    public String toString() {
      return "ScrubbingHttpClient{" + delegate + "}";
    }
  }
}
