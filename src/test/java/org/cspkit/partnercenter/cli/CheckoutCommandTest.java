package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command line through picocli's API: exit codes, table and JSON output, what-if. */
@ExtendWith(PrismExtension.class)
class CheckoutCommandTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  static final String TOKEN = "cli-test-token-value";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> environment, String baseUrl, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "checkout", "--base-url", baseUrl, "--customer-id", CUSTOMER_ID, "--cart-id", CART_ID));
    args.addAll(List.of(extra));
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  private int run(String... extra) {
    return run(
        Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN), server.url("/").toString(), extra);
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  @Test
  void printsTheThreeDocumentedOrdersAsATable(PrismServer prism) {
    int exitCode = run(Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN), prism.baseUrl());

    assertThat(exitCode).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .startsWith("3 order(s), 0 order error(s)")
        .contains("3c6f2530-1e31-4088-8230-dd1c31a18bce  completed  monthly")
        .contains("311qiN8iFwkv-XARWMvXRYAwYKMACVqv1  pending  one_time")
        .contains("HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71  pending  monthly")
        .contains("MS-AZR-0145P")
        .contains("EF2E1307-86E6-40E3-A794-872403FBD31C")
        .contains("Reserved VM Instance, Standard_NV12, US East 2, 3 Years")
        .contains("Barracuda WaaS - Medium Plan")
        .doesNotContain("Order errors");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsJson() {
    enqueue(
        201,
        "{\"orders\":[{\"id\":\"o-1\",\"billingCycle\":\"triennial\",\"status\":\"pending\","
            + "\"totalPrice\":36.48,\"lineItems\":[]}],\"orderErrors\":[]}");

    int exitCode = run("--output", "json");

    assertThat(exitCode).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains("\"id\": \"o-1\"")
        .contains("\"billingCycle\": \"triennial\"")
        .contains("\"totalPrice\": 36.48");
  }

  @Test
  void aPartialSuccessListsTheOrderErrorsAndExitsWith3() {
    enqueue(
        201,
        "{\"orders\":[{\"id\":\"o-1\",\"status\":\"pending\",\"lineItems\":[]}],"
            + "\"orderErrors\":[{\"orderGroupId\":\"1\",\"code\":800020,"
            + "\"description\":\"The catalog item is not eligible for purchase.\"}]}");

    int exitCode = run();

    assertThat(exitCode).isEqualTo(ExitCode.PARTLY_BOUGHT.code());
    assertThat(out.toString())
        .contains("1 order(s), 1 order error(s)")
        .contains("Order errors:")
        .contains("1            800020  The catalog item is not eligible for purchase.");
  }

  @Test
  void aMissingTokenIsAnAuthenticationErrorAndSendsNothing() {
    int exitCode = run(Map.of(), server.url("/").toString());

    assertThat(exitCode).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString()).contains("PARTNER_CENTER_ACCESS_TOKEN");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void a401IsAnAuthenticationError() {
    enqueue(401, "{\"code\":800001,\"description\":\"Partner token is missing.\"}");

    assertThat(run()).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString()).contains("Partner Center returned 401 (800001)");
  }

  @Test
  void aServiceErrorExitsWith5AndPrintsTheRequestIds() {
    enqueue(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}");

    assertThat(run()).isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString())
        .contains("Partner Center returned 404 (800008)")
        .contains("MS-RequestId=")
        .contains("MS-CorrelationId=");
  }

  @Test
  void aNetworkErrorExitsWith6() {
    assertThat(run(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
            "http://127.0.0.1:1/",
            "--max-attempts",
            "1"))
        .isEqualTo(ExitCode.NETWORK_ERROR.code());
    assertThat(err.toString()).doesNotContain("may have succeeded");
  }

  @Test
  void anUndecodable2xxMayHaveSucceededAndExitsWith7() {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "text/html")
        .body("<html>Sign in to the proxy</html>")
        .build());

    assertThat(run("--max-attempts", "1")).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    assertThat(err.toString())
        .contains("the checkout of cart " + CART_ID + " may have succeeded: the next step checks"
            + " the same cart out with the same MS-RequestId")
        .contains("next step: partner-center checkout ");
  }

  @Test
  void usageErrorsExitWith2AndSendNothing() {
    assertThat(PartnerCenterCli.newCommandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
            .execute("checkout", "--customer-id", CUSTOMER_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(PartnerCenterCli.newCommandLine(
                Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
                new PrintWriter(out),
                new PrintWriter(err, true))
            .execute(
                "checkout",
                "--cloud",
                "germany",
                "--customer-id",
                CUSTOMER_ID,
                "--cart-id",
                CART_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("retired");
    assertThat(PartnerCenterCli.newCommandLine(
                Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
                new PrintWriter(out),
                new PrintWriter(err, true))
            .execute(
                "checkout",
                "--base-url",
                server.url("/").toString(),
                "--customer-id",
                "not-a-guid",
                "--cart-id",
                CART_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--customer-id must be a GUID");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void whatIfPrintsTheRequestWithTheTokenMaskedAndSendsNothing() {
    int exitCode = run(
        "--what-if",
        "--request-id",
        "4fa6dad6-a89f-4875-8247-8294a10ae1cf",
        "--customer-user-upn",
        "adele@contoso.com");

    assertThat(exitCode).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains("POST "
            + server.url("/v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout"))
        .contains("Authorization: Bearer ****")
        .contains("MS-RequestId: 4fa6dad6-a89f-4875-8247-8294a10ae1cf")
        .contains("x-ms-customeruser-upn: adele@contoso.com")
        .contains("X-Locale: en-US")
        .contains("Content-Length: 0")
        .contains("Credential: access token from PARTNER_CENTER_ACCESS_TOKEN")
        .doesNotContain(TOKEN);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theTokenComesFromTheNamedVariableAndIsNeverPrinted() throws Exception {
    enqueue(401, "{\"code\":800001,\"description\":\"Partner token is missing.\"}");

    int exitCode =
        run(Map.of("MY_PC_TOKEN", TOKEN), server.url("/").toString(), "--token-env", "MY_PC_TOKEN");

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(exitCode).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
  }

  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  static final String SECRET = "Kq8~client-secret-value-3f9";
  static final String REFRESH_TOKEN = "0.AQ-stored-refresh-token-value";

  private String whatIf(Map<String, String> environment, String... extra) {
    List<String> args = new ArrayList<>(
        List.of("checkout", "--what-if", "--customer-id", CUSTOMER_ID, "--cart-id", CART_ID));
    args.addAll(List.of(extra));
    int exitCode = PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    return out.toString();
  }

  @Test
  void whatIfNamesTheAppOnlyClientSecretCredentialWithoutTheSecret() {
    String printed = whatIf(Map.of(
        "PARTNER_CENTER_TENANT_ID",
        TENANT,
        "PARTNER_CENTER_CLIENT_ID",
        CLIENT,
        "PARTNER_CENTER_CLIENT_SECRET",
        SECRET));

    assertThat(printed)
        .contains("Credential: app-only: client secret PARTNER_CENTER_CLIENT_SECRET"
            + " for client " + CLIENT + " in tenant " + TENANT
            + " (https://login.microsoftonline.com/" + TENANT + "/)")
        .contains("scope https://api.partnercenter.microsoft.com/.default")
        .doesNotContain(SECRET);
  }

  @Test
  void whatIfNamesTheAppPlusUserCredentialInTheChosenCloud() {
    String printed = whatIf(
        Map.of(
            "PARTNER_CENTER_TENANT_ID",
            TENANT,
            "PARTNER_CENTER_CLIENT_ID",
            CLIENT,
            "PARTNER_CENTER_CLIENT_SECRET",
            SECRET,
            "PARTNER_CENTER_REFRESH_TOKEN",
            REFRESH_TOKEN),
        "--cloud",
        "china");

    assertThat(printed)
        .contains("POST https://partner.partnercenterapi.microsoftonline.cn/v1/")
        .contains("Credential: app+user: refresh token PARTNER_CENTER_REFRESH_TOKEN")
        .contains("https://login.chinacloudapi.cn/" + TENANT + "/")
        .contains("scope https://partner.partnercenterapi.microsoftonline.cn/user_impersonation")
        .doesNotContain(SECRET)
        .doesNotContain(REFRESH_TOKEN);
  }

  @Test
  void whatIfNamesTheCertificateCredential(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = org.cspkit.partnercenter.testing.TestCertificates.pkcs12(
        org.cspkit.partnercenter.testing.TestCertificates.rsa(),
        dir.resolve("app.pfx"),
        "pfx-pass");

    String printed = whatIf(Map.of(
        "PARTNER_CENTER_TENANT_ID",
        TENANT,
        "PARTNER_CENTER_CLIENT_ID",
        CLIENT,
        "PARTNER_CENTER_CERTIFICATE_PATH",
        file.toString(),
        "PARTNER_CENTER_CERTIFICATE_PASSWORD",
        "pfx-pass"));

    assertThat(printed)
        .contains("Credential: app-only: certificate PARTNER_CENTER_CERTIFICATE_PATH")
        .doesNotContain("pfx-pass");
  }

  @Test
  void anIncompleteCredentialIsAnAuthenticationErrorNamingTheMissingVariable() {
    int exitCode =
        run(Map.of("PARTNER_CENTER_CLIENT_SECRET", SECRET), server.url("/").toString());

    assertThat(exitCode).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString())
        .contains("PARTNER_CENTER_TENANT_ID is required")
        .doesNotContain(SECRET);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aClientSecretCredentialGetsATokenFromEntraIdAndChecksOut() throws Exception {
    org.cspkit.partnercenter.testing.FakeEntraId entraId =
        new org.cspkit.partnercenter.testing.FakeEntraId();
    enqueue(201, "{\"orders\":[{\"id\":\"o-1\",\"status\":\"pending\",\"lineItems\":[]}]}");

    int exitCode = PartnerCenterCli.newCommandLine(
            Map.of(
                "PARTNER_CENTER_TENANT_ID",
                TENANT,
                "PARTNER_CENTER_CLIENT_ID",
                CLIENT,
                "PARTNER_CENTER_CLIENT_SECRET",
                SECRET),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            entraId)
        .execute(
            "checkout",
            "--base-url",
            server.url("/").toString(),
            "--customer-id",
            CUSTOMER_ID,
            "--cart-id",
            CART_ID);

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer access-token-1");
    assertThat(entraId.tokenRequests()).hasSize(1);
  }
}
