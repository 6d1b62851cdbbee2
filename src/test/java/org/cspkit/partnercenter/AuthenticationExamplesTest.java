package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.auth.ClientCredentialsTokenSource;
import org.cspkit.partnercenter.auth.RefreshTokenSource;
import org.cspkit.partnercenter.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the Java samples of docs/authentication.md (see {@link ReadmeExamplesTest}, which checks
 * that each appears there word for word), and builds each credential without network access.
 */
class AuthenticationExamplesTest {

  /** Stands in for wherever an application keeps its secrets. */
  interface SecretStore {
    String read(String name);

    void write(String name, String value);
  }

  /** Stands in for another identity library, such as azure-identity. */
  interface MyIdentityLibrary {
    AccessToken tokenFor(String scope);
  }

  static PartnerCenterClient staticToken() {
    // Docs: static-token
    PartnerCenterClient client = PartnerCenterClient.builder()
        .accessToken(System.getenv("PARTNER_CENTER_ACCESS_TOKEN"))
        .build();
    // Docs: end
    return client;
  }

  static PartnerCenterClient appOnlySecret(String tenantId, String clientId, String clientSecret) {
    // Docs: app-only-secret
    AccessTokenSource tokens = ClientCredentialsTokenSource.builder()
        .cloud(PartnerCenterCloud.GLOBAL)
        .tenantId(tenantId)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .build();
    PartnerCenterClient client = PartnerCenterClient.builder()
        .cloud(PartnerCenterCloud.GLOBAL)
        .accessTokenSource(tokens)
        .build();
    // Docs: end
    return client;
  }

  static AccessTokenSource appOnlyCertificate(
      String tenantId, String clientId, Path certificateFile, String certificatePassword) {
    // Docs: app-only-certificate
    AccessTokenSource tokens = ClientCredentialsTokenSource.builder()
        .tenantId(tenantId)
        .clientId(clientId)
        .pkcs12Certificate(certificateFile, certificatePassword)
        .build();
    // Docs: end
    return tokens;
  }

  static AccessTokenSource appPlusUser(String tenantId, String clientId, SecretStore secretStore) {
    // Docs: app-plus-user
    AccessTokenSource tokens = RefreshTokenSource.builder()
        .tenantId(tenantId)
        .clientId(clientId)
        .clientSecret(secretStore.read("partner-center-client-secret"))
        .refreshToken(secretStore.read("partner-center-refresh-token"))
        .onRefreshTokenRotated(
            newToken -> secretStore.write("partner-center-refresh-token", newToken))
        .build();
    // Docs: end
    return tokens;
  }

  static AccessTokenSource otherLibrary(MyIdentityLibrary myIdentityLibrary) {
    // Docs: other-library
    AccessTokenSource tokens = AccessTokenSource.fromFunction(
        PartnerCenterCloud.GLOBAL.appOnlyScope(), scope -> myIdentityLibrary.tokenFor(scope));
    // Docs: end
    return tokens;
  }

  static PartnerCenterClient oneProxy(String tenantId, String clientId, String clientSecret) {
    // Docs: one-proxy
    Proxy proxy =
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.contoso.com", 3128));
    OkHttpClient http = new OkHttpClient.Builder().proxy(proxy).build();
    AccessTokenSource tokens = ClientCredentialsTokenSource.builder()
        .tenantId(tenantId)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .httpClient(http)
        .build();
    PartnerCenterClient client =
        PartnerCenterClient.builder().accessTokenSource(tokens).httpClient(http).build();
    // Docs: end
    return client;
  }

  @Test
  void theCredentialSamplesBuildWithoutNetworkAccess(@TempDir Path dir) throws Exception {
    Path pfx =
        TestCertificates.pkcs12(TestCertificates.rsa(), dir.resolve("partner-center.pfx"), "pw");
    Map<String, String> secrets = new HashMap<>(
        Map.of("partner-center-client-secret", "s", "partner-center-refresh-token", "rt"));
    SecretStore secretStore = new SecretStore() {
      @Override
      public String read(String name) {
        return secrets.get(name);
      }

      @Override
      public void write(String name, String value) {
        secrets.put(name, value);
      }
    };

    assertThat(appOnlySecret("contoso.onmicrosoft.com", "c", "s").baseUrl())
        .hasToString("https://api.partnercenter.microsoft.com/");
    assertThat(appOnlyCertificate("contoso.onmicrosoft.com", "c", pfx, "pw").toString())
        .contains("certificate file partner-center.pfx");
    assertThat(appPlusUser("contoso.onmicrosoft.com", "c", secretStore).toString())
        .contains("RefreshTokenSource");
    assertThat(oneProxy("contoso.onmicrosoft.com", "c", "s").baseUrl())
        .hasToString("https://api.partnercenter.microsoft.com/");
    assertThat(otherLibrary(scope -> AccessToken.of("t-" + scope.length()))
            .getToken()
            .value())
        .isEqualTo("t-48");
    if (System.getenv("PARTNER_CENTER_ACCESS_TOKEN") == null) {
      assertThatThrownBy(AuthenticationExamplesTest::staticToken)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("access token");
    }
  }
}
