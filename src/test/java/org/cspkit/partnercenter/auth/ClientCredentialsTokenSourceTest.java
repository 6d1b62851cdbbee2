package org.cspkit.partnercenter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.aad.msal4j.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.cspkit.partnercenter.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App-only tokens through MSAL4J, against a fake Entra ID behind MSAL4J's HTTP client hook. */
class ClientCredentialsTokenSourceTest {
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT_ID = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  static final String SECRET = "Kq8~client-secret-value-3f9";

  private final FakeEntraId entraId = new FakeEntraId();

  private ClientCredentialsTokenSource.Builder builder() {
    return ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .msalHttpClient(entraId);
  }

  @Test
  void aClientSecretGetsAnAppOnlyTokenForThePartnerCenterApi() {
    AccessToken token = builder().clientSecret(SECRET).build().getToken();

    assertThat(token.value()).isEqualTo("access-token-1");
    assertThat(token.expiresAt())
        .hasValueSatisfying(expiry -> assertThat(Duration.between(Instant.now(), expiry))
            .isBetween(Duration.ofSeconds(3500), Duration.ofSeconds(3600)));
    HttpRequest request = entraId.tokenRequests().get(0);
    assertThat(request.url())
        .hasToString("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token");
    Map<String, String> form = FakeEntraId.form(request);
    assertThat(form)
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("client_secret", SECRET);
    assertThat(scopes(request))
        .contains("https://api.partnercenter.microsoft.com/.default")
        .noneMatch(scope -> scope.contains("graph.windows.net"));
  }

  @Test
  void eachCloudHasItsAuthorityAndScope() {
    builder()
        .cloud(PartnerCenterCloud.US_GOVERNMENT)
        .clientSecret(SECRET)
        .build()
        .getToken();
    builder()
        .cloud(PartnerCenterCloud.CHINA_21VIANET)
        .clientSecret(SECRET)
        .build()
        .getToken();

    assertThat(entraId.tokenRequests().get(0).url().getHost())
        .isEqualTo("login.microsoftonline.us");
    assertThat(scopes(entraId.tokenRequests().get(0)))
        .contains("https://api.partnercenter.microsoft.com/.default");
    assertThat(entraId.tokenRequests().get(1).url().getHost()).isEqualTo("login.chinacloudapi.cn");
    assertThat(scopes(entraId.tokenRequests().get(1)))
        .contains("https://partner.partnercenterapi.microsoftonline.cn/.default");
  }

  @Test
  void aCertificateSignsAClientAssertionInsteadOfSendingASecret() {
    HeldCertificate certificate = TestCertificates.rsa();

    AccessToken token = builder()
        .certificate(certificate.keyPair().getPrivate(), certificate.certificate())
        .build()
        .getToken();

    assertThat(token.value()).isEqualTo("access-token-1");
    Map<String, String> form = FakeEntraId.form(entraId.tokenRequests().get(0));
    assertThat(form)
        .doesNotContainKey("client_secret")
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    String[] jwt = form.get("client_assertion").split("\\.");
    assertThat(jwt).hasSize(3);
    String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
    assertThat(claims)
        .contains("\"iss\":\"" + CLIENT_ID + "\"")
        .contains("\"sub\":\"" + CLIENT_ID + "\"");
  }

  @Test
  void aPkcs12FileWorksAndAWrongPasswordFailsWithoutShowingIt(@TempDir Path dir) throws Exception {
    Path file =
        TestCertificates.pkcs12(TestCertificates.rsa(), dir.resolve("app.pfx"), "pfx-password-42");

    assertThat(builder()
            .pkcs12Certificate(file, "pfx-password-42")
            .build()
            .getToken()
            .value())
        .isEqualTo("access-token-1");
    assertThatThrownBy(() -> builder().pkcs12Certificate(file, "wrong-password-17"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app.pfx")
        .message()
        .doesNotContain("wrong-password-17");
  }

  @Test
  void aWrongSecretIsATokenAcquisitionExceptionWithItsAadstsCode() {
    entraId.failWith(401, "invalid_client", 7000215, "Invalid client secret provided.");

    TokenAcquisitionException e = catchThrowableOfType(
        TokenAcquisitionException.class,
        () -> builder().clientSecret(SECRET).build().getToken());

    assertThat(e.errorCode()).isEqualTo("AADSTS7000215");
    assertThat(e.errorDescription()).contains("Invalid client secret provided.");
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void anUnknownTenantAndANetworkFailureAreTokenAcquisitionExceptions() {
    entraId.failWith(400, "invalid_request", 90002, "Tenant 'contoso.onmicrosoft.com' not found.");
    TokenAcquisitionException unknownTenant = catchThrowableOfType(
        TokenAcquisitionException.class,
        () -> builder().clientSecret(SECRET).build().getToken());
    FakeEntraId down = new FakeEntraId().networkFailure();
    TokenAcquisitionException network = catchThrowableOfType(
        TokenAcquisitionException.class,
        () -> builder().clientSecret(SECRET).msalHttpClient(down).build().getToken());

    assertThat(unknownTenant.errorCode()).isEqualTo("AADSTS90002");
    assertThat(network.errorCode()).isEqualTo("network_error");
    assertThat(network.errorDescription()).contains("Connection refused");
  }

  @Test
  void missingSettingsAreRejectedWhenBuilding() {
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client secret or a certificate");
    assertThatThrownBy(() -> builder().tenantId(null).clientSecret(SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenantId");
    assertThatThrownBy(() -> builder().clientId(" ").clientSecret(SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId");
    assertThatThrownBy(() -> builder().clientSecret(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientSecret");
    assertThat(builder().clientSecret(SECRET).build().toString())
        .contains(CLIENT_ID)
        .contains("client secret")
        .doesNotContain(SECRET);
  }

  /** MSAL4J adds openid, profile and offline_access to every request; these are ours and theirs. */
  private static java.util.List<String> scopes(HttpRequest request) {
    return java.util.List.of(FakeEntraId.form(request).get("scope").split(" "));
  }
}
