package org.cspkit.partnercenter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AccessTokenSource;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.AllLogs;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One {@link OkHttpClient}, configured once with a proxy and the TLS trust the proxy's tunnels
 * need, given to the token source and to the Partner Center client: the token request to Entra ID
 * and the Partner Center call both go through that proxy, over that TLS setting. The proxy is a
 * MockWebServer on loopback that opens CONNECT tunnels and then plays Entra ID and Partner Center
 * under their real host names (which are never resolved here), recording every request.
 */
class OneHttpClientForAllTrafficTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT_ID = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  static final String CLIENT_SECRET = "Kq8~proxied-client-secret+/=";
  static final String REFRESH_TOKEN = "0.AQ-proxied-refresh-token";
  static final String LOGIN_HOST = "login.microsoftonline.com";
  static final String API_HOST = "api.partnercenter.microsoft.com";

  @RegisterExtension
  final AllLogs logs = new AllLogs();

  private final RecordingProxy proxy = new RecordingProxy();
  private final MockWebServer server = new MockWebServer();
  /** What the application's own interceptor on the shared client saw. */
  private final List<String> intercepted = new CopyOnWriteArrayList<>();

  private OkHttpClient shared;

  @BeforeEach
  void startProxy() throws IOException {
    HeldCertificate authority = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("test proxy CA")
        .build();
    HeldCertificate hosts = new HeldCertificate.Builder()
        .signedBy(authority)
        .addSubjectAlternativeName(LOGIN_HOST)
        .addSubjectAlternativeName(API_HOST)
        .build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(hosts).build().sslSocketFactory());
    server.setDispatcher(proxy);
    server.start();
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(authority.certificate())
        .build();
    // The one configuration: proxy, TLS trust, an application interceptor, contract checks.
    shared = ContractValidator.install(new OkHttpClient.Builder()
            .proxy(server.getProxyAddress())
            .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
            .addInterceptor(chain -> {
              intercepted.add(chain.request().url().host());
              return chain.proceed(chain.request());
            }))
        .build();
  }

  @AfterEach
  void stopProxy() {
    server.close();
  }

  @Test
  void theTokenRequestAndTheCheckoutBothGoThroughTheProxyOfTheSharedClient() {
    ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .httpClient(shared)
        .build();

    CartCheckoutResult result = client(source).carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).isEmpty();
    assertThat(proxy.tunnels()).containsExactly(LOGIN_HOST + ":443", API_HOST + ":443");
    RecordedRequest token = proxy.tokenRequests().get(0);
    assertThat(token.getHandshakeServerNames())
        .as("TLS through the tunnel, as the shared client's")
        .containsExactly(LOGIN_HOST);
    assertThat(token.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(token.getBody().utf8())
        .contains("grant_type=client_credentials")
        .as("the secret was on the wire, so a log line could have held it")
        .contains("client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8));
    RecordedRequest checkout = proxy.partnerCenterRequests().get(0);
    assertThat(checkout.getMethod() + " " + checkout.getUrl().encodedPath())
        .isEqualTo("POST /v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout");
    assertThat(checkout.getHandshakeServerNames()).containsExactly(API_HOST);
    assertThat(checkout.getHeaders().get("Authorization")).isEqualTo("Bearer access-token-1");
    assertThat(intercepted)
        .as("the application's interceptors never see a token request")
        .containsExactly(API_HOST);
    assertNoSecretLogged();
  }

  @Test
  void aRefreshTokenSourceGoesThroughTheSameProxy() {
    RefreshTokenSource source = RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .refreshToken(REFRESH_TOKEN)
        .httpClient(shared)
        .build();

    AccessToken token = source.getToken();

    assertThat(token.value()).isEqualTo("access-token-1");
    assertThat(proxy.tunnels()).containsExactly(LOGIN_HOST + ":443");
    assertThat(proxy.tokenRequests().get(0).getBody().utf8())
        .contains("grant_type=refresh_token")
        .contains("refresh_token=" + REFRESH_TOKEN);
    assertThat(intercepted).isEmpty();
    assertNoSecretLogged();
  }

  @Test
  void aProxyThatRefusesTheTunnelIsANetworkErrorAndNothingReachesPartnerCenter() {
    proxy.refuseTunnels();
    ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .httpClient(shared)
        .build();

    TokenAcquisitionException direct =
        catchThrowableOfType(TokenAcquisitionException.class, source::getToken);
    AuthenticationException viaClient = catchThrowableOfType(
        AuthenticationException.class, () -> client(source).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(direct.errorCode()).isEqualTo("network_error");
    assertThat(viaClient.statusCode()).isZero();
    assertThat(viaClient.serviceError().orElseThrow().code()).isEqualTo("network_error");
    assertThat(proxy.refused())
        .as("the proxy was asked for Entra ID and said no")
        .isNotEmpty()
        .allMatch(target -> target.equals(LOGIN_HOST + ":443"));
    assertThat(proxy.tunnels()).isEmpty();
    assertThat(proxy.partnerCenterRequests()).isEmpty();
    assertThat(String.valueOf(direct.getMessage()) + viaClient.getMessage())
        .doesNotContain(CLIENT_SECRET);
    assertNoSecretLogged();
  }

  @Test
  void aRedirectFromTheTokenEndpointIsNotFollowedWithTheSecret() {
    proxy.redirectTokenRequestsTo("https://elsewhere.example/token");
    ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .httpClient(shared)
        .build();

    TokenAcquisitionException e =
        catchThrowableOfType(TokenAcquisitionException.class, source::getToken);

    assertThat(e).isNotNull();
    assertThat(proxy.tokenRequests()).isNotEmpty();
    assertThat(proxy.tunnels())
        .as("no tunnel to the redirect's host")
        .containsOnly(LOGIN_HOST + ":443");
    assertNoSecretLogged();
  }

  @Test
  void withoutAnOkHttpClientTheJvmsProxySettingsStillApply() {
    String host = System.getProperty("https.proxyHost");
    String port = System.getProperty("https.proxyPort");
    System.setProperty("https.proxyHost", server.getHostName());
    System.setProperty("https.proxyPort", String.valueOf(server.getPort()));
    try {
      ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
          .tenantId(TENANT)
          .clientId(CLIENT_ID)
          .clientSecret(CLIENT_SECRET)
          .build();

      TokenAcquisitionException e =
          catchThrowableOfType(TokenAcquisitionException.class, source::getToken);

      // The JVM does not trust the test proxy's certificate: the tunnel opens, TLS fails.
      assertThat(proxy.tunnels()).isNotEmpty().containsOnly(LOGIN_HOST + ":443");
      assertThat(e.errorCode()).isEqualTo("network_error");
      assertThat(proxy.tokenRequests()).isEmpty();
    } finally {
      restore("https.proxyHost", host);
      restore("https.proxyPort", port);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  private PartnerCenterClient client(AccessTokenSource source) {
    return PartnerCenterClient.builder()
        .httpClient(shared)
        .accessTokenSource(source)
        .build();
  }

  private void assertNoSecretLogged() {
    String all = String.join("\n", logs.texts());
    for (String secret : List.of(CLIENT_SECRET, REFRESH_TOKEN, "access-token-1")) {
      assertThat(all)
          .as(secret)
          .doesNotContain(secret)
          .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
  }

  /**
   * An HTTP proxy that opens a CONNECT tunnel to any host, or refuses with 407, and behind it
   * Entra ID (instance discovery and the token endpoint) and Partner Center's checkout.
   */
  private static final class RecordingProxy extends Dispatcher {
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> partnerCenterRequests = new CopyOnWriteArrayList<>();
    private volatile boolean refuse;
    private volatile boolean tunnelOpened;
    private volatile String redirect;

    void refuseTunnels() {
      refuse = true;
    }

    void redirectTokenRequestsTo(String location) {
      redirect = location;
    }

    List<String> tunnels() {
      return tunnels;
    }

    List<String> refused() {
      return refused;
    }

    List<RecordedRequest> tokenRequests() {
      return tokenRequests;
    }

    List<RecordedRequest> partnerCenterRequests() {
      return partnerCenterRequests;
    }

    /**
     * MockWebServer reads CONNECT requests on a new connection while this says "in tunnel", and
     * starts TLS once it does not: so it says so until a tunnel was opened, and again once a
     * request came through it. The calls here are sequential, one connection at a time.
     */
    @Override
    public MockResponse peek() {
      return refuse
          ? refusal()
          : tunnelOpened
              ? new MockResponse.Builder().build()
              : new MockResponse.Builder().inTunnel().build();
    }

    private static MockResponse refusal() {
      return new MockResponse.Builder()
          .code(407)
          .setHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")
          .inTunnel()
          .build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.getMethod().equals("CONNECT")) {
        if (refuse) {
          refused.add(request.getTarget());
          return refusal();
        }
        tunnels.add(request.getTarget());
        tunnelOpened = true;
        return new MockResponse.Builder().inTunnel().build();
      }
      tunnelOpened = false;
      String host = request.getUrl().host();
      String path = request.getUrl().encodedPath();
      if (host.equals(LOGIN_HOST) && path.endsWith("/discovery/instance")) {
        return json(
            200,
            "{\"tenant_discovery_endpoint\":\"https://" + host
                + "/common/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\","
                + "\"metadata\":[{\"preferred_network\":\"" + host + "\",\"preferred_cache\":\""
                + host + "\",\"aliases\":[\"" + host + "\"]}]}");
      }
      if (host.equals(LOGIN_HOST) && path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
        tokenRequests.add(request);
        if (redirect != null) {
          return new MockResponse.Builder()
              .code(307)
              .setHeader("Location", redirect)
              .build();
        }
        String body = request.getBody().utf8();
        return json(
            200,
            "{\"token_type\":\"Bearer\",\"expires_in\":3599,"
                + "\"access_token\":\"access-token-" + tokenRequests.size() + "\""
                + (body.contains("grant_type=refresh_token")
                    ? ",\"refresh_token\":\"rotated-refresh-token\""
                    : "")
                + "}");
      }
      if (host.equals(API_HOST) && path.endsWith("/checkout")) {
        partnerCenterRequests.add(request);
        return json(201, "{\"orders\":[],\"orderErrors\":[]}");
      }
      return json(404, "{\"error\":\"not_found\"}");
    }

    private static MockResponse json(int status, String body) {
      return new MockResponse.Builder()
          .code(status)
          .setHeader("Content-Type", "application/json; charset=utf-8")
          .body(body)
          .build();
    }
  }
}
