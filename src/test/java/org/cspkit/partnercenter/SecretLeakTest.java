package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HeldCertificate;
import org.cspkit.partnercenter.auth.ClientCredentialsTokenSource;
import org.cspkit.partnercenter.auth.RefreshTokenSource;
import org.cspkit.partnercenter.cli.PartnerCenterCli;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.testing.AllLogs;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.cspkit.partnercenter.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every authentication failure path with every log line captured at TRACE (ours and
 * MSAL4J's), then searches the logs, exception chains, {@code toString()}s and command-line output
 * for each secret: access tokens, client secret, refresh tokens, private key, certificate password.
 */
class SecretLeakTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  static final String CLIENT_SECRET = "Kq8~client-secret-value-3f9";
  static final String REFRESH_TOKEN = "0.AQ-stored-refresh-token-value";
  static final String STATIC_TOKEN = "eyJ0eXAiOiJKV1Qi.static-access-token.sig";
  static final String PFX_PASSWORD = "pfx-password-42";
  static final String UNAUTHORIZED =
      "{\"code\":800001,\"description\":\"Partner token is missing.\"}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @TempDir
  Path dir;

  @RegisterExtension
  final AllLogs logs = new AllLogs();

  private final List<String> texts = new ArrayList<>();

  private void attempt(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      texts.add(trace.toString());
      texts.add(e.toString());
    }
  }

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .build();
  }

  private void unauthorized(int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(new MockResponse.Builder().code(401).body(UNAUTHORIZED).build());
    }
  }

  private int cli(Map<String, String> environment, FakeEntraId entraId, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true), entraId)
        .execute(args.toArray(String[]::new));
    texts.add(out.toString());
    texts.add(err.toString());
    return exitCode;
  }

  @Test
  void aTokenNoHeaderMayCarryFailsTheCallBeforeAnyRequestWithoutShowingIt() {
    // A token source handing out a line break (header injection) stops the call before a byte is
    // sent, and the token is never echoed.
    String broken = "eyJ0eXAiOiJKV1Qi.broken-token\r\nX-Injected: yes.sig";
    PartnerCenterClient client = client(() -> AccessToken.of(broken));
    for (int call = 0; call < 2; call++) {
      PartnerCenterException failure = catchThrowableOfType(
          PartnerCenterException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
      assertThat(failure).isNotNull();
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain("broken-token").doesNotContain("X-Injected");
    }
    assertThat(server.getRequestCount()).isZero();
    assertThat(String.join("\n", logs.texts())).doesNotContain("broken-token");
  }

  @Test
  void noSecretAppearsInLogsExceptionsToStringsOrCommandLineOutput() throws Exception {
    HeldCertificate certificate = TestCertificates.rsa();
    Path pfx = TestCertificates.pkcs12(certificate, dir.resolve("app.pfx"), PFX_PASSWORD);
    List<String> rotated = new ArrayList<>();

    // Wrong client secret, unknown tenant, Entra ID unreachable: app-only with a secret.
    for (FakeEntraId entraId : List.of(
        new FakeEntraId()
            .failWith(401, "invalid_client", 7000215, "Invalid client secret provided."),
        new FakeEntraId().failWith(400, "invalid_request", 90002, "Tenant not found."),
        new FakeEntraId().networkFailure())) {
      ClientCredentialsTokenSource source = ClientCredentialsTokenSource.builder()
          .tenantId(TENANT)
          .clientId(CLIENT)
          .clientSecret(CLIENT_SECRET)
          .msalHttpClient(entraId)
          .build();
      texts.add(source.toString());
      attempt(() -> client(source).carts().checkout(CUSTOMER_ID, CART_ID));
      attempt(() -> client(source).carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());
    }
    // A certificate whose assertion Entra ID rejects; a PKCS#12 file with a wrong password.
    ClientCredentialsTokenSource withCertificate = ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT)
        .pkcs12Certificate(pfx, PFX_PASSWORD)
        .msalHttpClient(new FakeEntraId()
            .failWith(
                401, "invalid_client", 700027, "Client assertion contains an invalid signature."))
        .build();
    texts.add(withCertificate.toString());
    attempt(() -> client(withCertificate).carts().checkout(CUSTOMER_ID, CART_ID));
    attempt(
        () -> ClientCredentialsTokenSource.builder().pkcs12Certificate(pfx, "not-" + PFX_PASSWORD));
    // A revoked refresh token; then a good one that rotates, and Partner Center answering 401
    // twice.
    RefreshTokenSource revoked = RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT)
        .clientSecret(CLIENT_SECRET)
        .refreshToken(REFRESH_TOKEN)
        .msalHttpClient(new FakeEntraId().failWith(400, "invalid_grant", 70008, "Expired."))
        .build();
    attempt(() -> client(revoked).carts().checkout(CUSTOMER_ID, CART_ID));
    RefreshTokenSource rotating = RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT)
        .clientSecret(CLIENT_SECRET)
        .refreshToken(REFRESH_TOKEN)
        .onRefreshTokenRotated(rotated::add)
        .msalHttpClient(new FakeEntraId())
        .build();
    texts.add(rotating.toString());
    unauthorized(2);
    attempt(() -> client(rotating).carts().checkout(CUSTOMER_ID, CART_ID));
    // A static token that Partner Center rejects, and one that is not a valid header value.
    unauthorized(1);
    PartnerCenterClient staticClient = client(AccessTokenSource.ofStatic(STATIC_TOKEN));
    texts.add(staticClient.toString());
    attempt(() -> staticClient.carts().checkout(CUSTOMER_ID, CART_ID));
    attempt(() -> AccessToken.of(STATIC_TOKEN + "\r\n"));
    texts.add(AccessToken.of(STATIC_TOKEN).toString());
    // The command line: what-if with every secret set, a wrong secret, a rejected token.
    Map<String, String> everything = Map.of(
        "PARTNER_CENTER_TENANT_ID",
        TENANT,
        "PARTNER_CENTER_CLIENT_ID",
        CLIENT,
        "PARTNER_CENTER_CLIENT_SECRET",
        CLIENT_SECRET,
        "PARTNER_CENTER_REFRESH_TOKEN",
        REFRESH_TOKEN,
        "PARTNER_CENTER_CERTIFICATE_PATH",
        pfx.toString(),
        "PARTNER_CENTER_CERTIFICATE_PASSWORD",
        PFX_PASSWORD);
    cli(everything, new FakeEntraId(), "--what-if");
    cli(
        Map.of(
            "PARTNER_CENTER_TENANT_ID",
            TENANT,
            "PARTNER_CENTER_CLIENT_ID",
            CLIENT,
            "PARTNER_CENTER_CLIENT_SECRET",
            CLIENT_SECRET),
        new FakeEntraId().failWith(401, "invalid_client", 7000215, "Invalid client secret."));
    unauthorized(1);
    cli(Map.of("PARTNER_CENTER_ACCESS_TOKEN", STATIC_TOKEN), new FakeEntraId());
    cli(Map.of("PARTNER_CENTER_ACCESS_TOKEN", STATIC_TOKEN), new FakeEntraId(), "--what-if");

    texts.addAll(logs.texts());
    String everythingSeen = String.join("\n", texts);
    String privateKey =
        Base64.getEncoder().encodeToString(certificate.keyPair().getPrivate().getEncoded());

    assertThat(rotated).isNotEmpty();
    assertThat(logs.events()).as("MSAL4J and the client did log").isNotEmpty();
    assertThat(everythingSeen)
        .as("the failures were driven")
        .contains("AADSTS7000215")
        .contains("AADSTS90002")
        .contains("AADSTS70008")
        .contains("AADSTS700027")
        .contains("network_error")
        .contains("Partner Center returned 401")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(REFRESH_TOKEN)
        .doesNotContain("rotated-refresh-token-")
        .doesNotContain("access-token-")
        .doesNotContain(STATIC_TOKEN)
        .doesNotContain(PFX_PASSWORD)
        .doesNotContain(privateKey.substring(0, 40))
        .doesNotContain(
            privateKey.substring(privateKey.length() / 2, privateKey.length() / 2 + 40));
  }

  @Test
  void noSecretLeaksWhenPartnerCenterOrAProxyEchoesThem() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    AccessTokenSource rotating =
        () -> AccessToken.of("echoed-bearer-" + issued.incrementAndGet() + "-Zq7pL2xR");
    // Each response quotes the bearer token it received, in the status line, the headers, an
    // error description, error data or a body that cannot be decoded.
    List<java.util.function.Function<String, MockResponse>> echoes = List.of(
        token -> new MockResponse.Builder()
            .code(401)
            .setHeader("Content-Type", "application/json")
            .body("{\"code\":800001,\"description\":\"Token " + token + " is not valid.\"}")
            .build(),
        token -> new MockResponse.Builder()
            .code(400)
            .setHeader("Content-Type", "application/json")
            .setHeader("Authorization", "Bearer " + token)
            .setHeader("X-Echo", token)
            .setHeader("Set-Cookie", "session=" + token)
            .setHeader("MS-CV", "cv." + token)
            .body("{\"code\":2000,\"description\":\"Bad.\",\"data\":[\"" + token
                + "\"],\"source\":\"" + token + "\"}")
            .build(),
        token -> new MockResponse.Builder().status("HTTP/1.1 2O1 " + token).build(),
        token -> new MockResponse.Builder()
            .code(201)
            .setHeader("Content-Type", "application/json")
            .body("{\"orders\":\"" + token + "\"")
            .build());
    for (java.util.function.Function<String, MockResponse> echo : echoes) {
      server.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          return echo.apply(request.getHeaders().get("Authorization").substring(7));
        }
      });
      PartnerCenterClient client = ContractValidator.client()
          .baseUrl(server.url("/").toString())
          .accessTokenSource(rotating)
          .retryOptions(RetryOptions.builder()
              .maxAttempts(2)
              .initialDelay(java.time.Duration.ofMillis(5))
              .build())
          .build();
      attempt(() -> client.carts().checkout(CUSTOMER_ID, CART_ID));
      attempt(() -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());
      try {
        client.carts().checkout(CUSTOMER_ID, CART_ID);
      } catch (org.cspkit.partnercenter.exception.PartnerCenterException e) {
        texts.add(String.valueOf(e.serviceError()));
        texts.add(String.valueOf(e.errorData()));
        texts.add(String.valueOf(e.attempts()));
        texts.add(String.valueOf(e.details()));
        texts.add(String.valueOf(e.correlationVector()));
        if (e
            instanceof
            org.cspkit.partnercenter.exception.UndecodableResponseException undecodable) {
          texts.add(undecodable.bodyExcerpt());
        }
      }
    }
    // A base URL with a password in it.
    String password = "url-pass-9Kd3";
    PartnerCenterClient withPassword = PartnerCenterClient.builder()
        .baseUrl("http://partner:" + password + "@" + server.getHostName() + ":" + server.getPort())
        .accessToken(STATIC_TOKEN)
        .build();
    texts.add(withPassword.toString());
    texts.add(withPassword
        .carts()
        .previewCheckout(CUSTOMER_ID, CART_ID, CheckoutParams.none(), RequestOptions.defaults())
        .toString());
    List<String> args = new ArrayList<>(List.of(
        "checkout",
        "--base-url",
        "http://partner:" + password + "@" + server.getHostName() + ":" + server.getPort() + "/",
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID,
        "--what-if"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PartnerCenterCli.newCommandLine(
            Map.of("PARTNER_CENTER_ACCESS_TOKEN", STATIC_TOKEN),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new FakeEntraId())
        .execute(args.toArray(String[]::new));
    texts.add(out.toString());
    texts.add(err.toString());

    texts.addAll(logs.texts());
    String everythingSeen = String.join("\n", texts);

    assertThat(issued.get()).as("tokens were sent and echoed").isGreaterThan(4);
    assertThat(everythingSeen)
        .as("the echoes were driven")
        .contains("Partner Center returned 401")
        .contains("Partner Center returned 400")
        .contains("Unexpected status line")
        .contains("X-Echo: ****")
        .contains("****")
        .contains("What if")
        .doesNotContain("echoed-bearer-")
        .doesNotContain("Zq7pL2xR")
        .doesNotContain(password)
        .doesNotContain(STATIC_TOKEN);
  }
}
