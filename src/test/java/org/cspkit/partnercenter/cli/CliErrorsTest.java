package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CART_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CUSTOMER_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.TOKEN;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exit codes that tell an unknown outcome apart, and errors that read as the command line. */
class CliErrorsTest {
  private static final String ALREADY_SUBMITTED =
      "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(Map<String, String> environment, String... args) {
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private int run(Map<String, String> environment, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID));
    args.addAll(List.of(extra));
    return execute(environment, args.toArray(String[]::new));
  }

  private int run(String... extra) {
    return run(Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN), extra);
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  /** One error line and where to find help: no usage text, no stack trace, no Java names. */
  private void assertOneUsageLine(String option) {
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as(err.toString()).hasSize(2);
    assertThat(lines.get(0)).startsWith("error: ").contains(option);
    assertThat(lines.get(1))
        .isEqualTo("Try 'partner-center checkout --help' for more information.");
    assertThat(err.toString())
        .doesNotContain("Usage:")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aLostAnswerThenAlreadySubmittedOnAnOrderedCartIsBoughtEarlier() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    enqueue(400, ALREADY_SUBMITTED);
    enqueue(200, "{\"id\":\"" + CART_ID + "\",\"status\":\"Ordered\"}");

    assertThat(run("--max-attempts", "2")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Bought: cart " + CART_ID + " was checked out earlier")
        .contains("partner-center order list --customer-id " + CUSTOMER_ID);
  }

  @Test
  void aLostAnswerThenAlreadySubmittedIsAnUnknownOutcomeExitingWith7() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    enqueue(400, ALREADY_SUBMITTED);
    // The cart cannot be read: the checkout's outcome stays unknown.
    enqueue(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}");

    assertThat(run("--max-attempts", "2")).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    assertThat(err.toString())
        .contains("the checkout of cart " + CART_ID + " may have succeeded")
        .containsPattern("next step: partner-center checkout .*--cart-id " + CART_ID
            + " --max-attempts 2 --request-id [0-9a-f-]{36}\n");
  }

  @Test
  void aLostAnswerWithNoRetryLeftIsAnUnknownOutcome() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    assertThat(run("--max-attempts", "1")).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
  }

  @Test
  void aDefiniteServiceErrorStillExitsWith5() {
    enqueue(409, "{\"code\":800002,\"description\":\"Conflict.\"}");

    assertThat(run("--max-attempts", "1")).isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString()).doesNotContain("may have succeeded");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--deadline, 0",
    "--deadline, 86401",
    "--max-attempts, 0",
    "--max-attempts, 101",
    "--request-id, 1-1-1-1-1",
    "--correlation-id, 1-1-1-1-1",
    "--request-id, not-a-guid",
    "--locale, '!!'",
    "--customer-user-upn, nobody",
    "--application-name, 'caf\u00e9'",
    "--cloud, mars",
    "--output, xml",
    "--max-attempts, two",
  })
  void aBadValueIsOneUsageLineNamingTheOption(String option, String value) {
    assertThat(run(option, value)).isEqualTo(ExitCode.USAGE.code());
    assertOneUsageLine(option);
    assertThat(err.toString()).doesNotContain("should be specified only once");
    assertThat(err.toString())
        .doesNotContain("PT0S")
        .doesNotContain("maxAttempts")
        .doesNotContain("requestId")
        .doesNotContain("Invalid UUID");
  }

  @Test
  void aBadDeadlineSaysSecondsNotJavaDurations() {
    assertThat(run("--deadline", "0")).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString())
        .startsWith("error: --deadline must be from 1 to 86400 seconds, got 0");
  }

  @Test
  void aMissingRequiredOptionIsOneLine() {
    assertThat(execute(Map.of(), "checkout", "--customer-id", CUSTOMER_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertOneUsageLine("--cart-id");
  }

  @Test
  void aBadGuidWithNoTokenIsAUsageErrorCheckedBeforeCredentials() {
    assertThat(execute(Map.of(), "checkout", "--customer-id", "1-1-1-1-1", "--cart-id", CART_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertOneUsageLine("--customer-id");
    assertThat(err.toString()).contains("--customer-id must be a GUID such as");
  }

  @Test
  void aTokenPastedWithBearerAndANewlineIsAccepted() throws Exception {
    enqueue(201, "{\"orders\":[],\"orderErrors\":[]}");

    assertThat(run(Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, "  Bearer " + TOKEN + "\r\n")))
        .as(err.toString())
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aTokenWithWhitespaceInsideIsACredentialProblemAndNeverEchoed() {
    assertThat(run(Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, "abc-part-one\nabc-part-two")))
        .isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString())
        .contains("PARTNER_CENTER_ACCESS_TOKEN")
        .contains("whitespace")
        .doesNotContain("abc-part");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnsetTokenVariableIsNamed() {
    assertThat(run(Map.of(), "--token-env", "MY_TOKEN")).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString()).contains("set MY_TOKEN");
  }

  @Test
  void withJsonOutputAnErrorIsAlsoOneJsonObjectOnStdout() {
    enqueue(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}");

    assertThat(run("-o", "json", "--max-attempts", "1")).isEqualTo(ExitCode.SERVICE_ERROR.code());
    String json = out.toString();
    assertThat(json.strip()).startsWith("{").endsWith("}");
    assertThat(json)
        .contains("\"exitCode\": 5")
        .contains("\"status\": 404")
        .contains("\"serviceErrorCode\": \"800008\"")
        .contains("\"serviceErrorDescription\": \"Unable to retrieve cart ID.\"")
        .contains("\"requestId\": \"")
        .contains("\"correlationId\": \"")
        .contains("\"outcome\": \"404 (800008)\"")
        .contains("\"mayHaveSucceeded\": false");
    assertThat(err.toString()).contains("error: Partner Center returned 404 (800008)");
  }

  @Test
  void withJsonOutputAUsageErrorIsAlsoJson() {
    assertThat(run("-o", "json", "--request-id", "1-1-1-1-1")).isEqualTo(ExitCode.USAGE.code());
    assertThat(out.toString()).contains("\"exitCode\": 2").contains("--request-id must be a GUID");
    assertThat(run("--deadline", "x", "--output=json")).isEqualTo(ExitCode.USAGE.code());
    assertThat(out.toString()).contains("'--deadline'");
  }

  @Test
  void anUnknownOutcomeInJsonSaysSo() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    assertThat(run("-o", "json", "--max-attempts", "1")).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    assertThat(out.toString())
        .contains("\"exitCode\": 7")
        .contains("\"status\": 0")
        .contains("\"mayHaveSucceeded\": true");
  }

  @Test
  void aBadBaseUrlNeverEchoesItsPassword() {
    assertThat(execute(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
            "checkout",
            "--base-url",
            "ftp://partner:s3cret-pass@example.com/",
            "--customer-id",
            CUSTOMER_ID,
            "--cart-id",
            CART_ID))
        .isEqualTo(ExitCode.USAGE.code());
    assertOneUsageLine("--base-url");
    assertThat(err.toString())
        .startsWith("error: --base-url must be an http or https URL")
        .contains("ftp://****@example.com/")
        .doesNotContain("s3cret-pass");
  }

  @Test
  void aDashedOptionNameTypoSuggestsTheRightOne() {
    Map<String, String> environment = new HashMap<>();
    environment.put(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN);
    assertThat(run(environment, "--dead-line", "5")).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--dead-line").contains("--help").doesNotContain("Usage:");
  }
}
