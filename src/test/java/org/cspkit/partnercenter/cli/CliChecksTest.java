package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CUSTOMER_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.TOKEN;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input the command line refuses before anything is sent, with one line naming the option (or
 * the library's argument) and the exit code of the table; the table and each command's meaning of
 * {@code --request-id} in every help; what shell completion offers.
 */
class CliChecksTest {
  private static final String ITEM = "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(Map<String, String> environment, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", server.url("/").toString()));
    return execute(Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN), all.toArray(String[]::new));
  }

  /** The error is one line, then where to find help: no stack trace, nothing sent. */
  private void assertUsageError(String... messageParts) {
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as(err.toString()).hasSizeBetween(2, 3);
    assertThat(lines.get(0)).startsWith("error: ").contains(messageParts);
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "."})
  void aDotSegmentOrderIdIsAUsageErrorNamingIt(String orderId) {
    for (String command : List.of("get", "status")) {
      assertThat(run("order", command, "--customer-id", CUSTOMER_ID, "--order-id", orderId))
          .isEqualTo(ExitCode.USAGE.code());
      assertUsageError("--order-id must be an ID", "got '" + orderId + "'");

      assertThat(run(
              "order", command, "--customer-id", CUSTOMER_ID, "--order-id", orderId, "-o", "json"))
          .isEqualTo(ExitCode.USAGE.code());
      assertThat(out.toString().strip())
          .startsWith("{")
          .endsWith("}")
          .contains("\"exitCode\": 2")
          .contains("--order-id must be an ID");
    }
  }

  @Test
  void waitSettingsThatWouldFailEveryWaitAreUsageErrorsNamingTheOption() {
    String[] status = {"order", "status", "--customer-id", CUSTOMER_ID, "--order-id", "o-1"};
    List<String> args = new ArrayList<>(List.of(status));
    args.addAll(List.of("--wait", "--poll-interval", "60", "--wait-timeout", "30"));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.USAGE.code());
    assertUsageError("--wait-timeout (30.0 s) must be more than --poll-interval (60.0 s)");

    args = new ArrayList<>(List.of(status));
    args.addAll(List.of("--wait", "--poll-interval", "0.01", "--wait-timeout", "0.0104"));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.USAGE.code());
    assertUsageError("--wait-timeout (0.0104 s) must be more than --poll-interval (0.01 s)");

    args = new ArrayList<>(List.of(status));
    args.addAll(List.of("--wait", "--poll-interval", "0.0001"));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCode.USAGE.code());
    assertUsageError("--poll-interval must be from 0.01 to 3600 seconds, got 1.0E-4");

    assertThat(run(
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            ITEM + ",billing=monthly",
            "--poll-interval",
            "60",
            "--wait-timeout",
            "30"))
        .isEqualTo(ExitCode.USAGE.code());
    assertUsageError("--wait-timeout");
  }

  @Test
  void aTokenWithACharacterOutsideAsciiIsAMalformedCredentialNeverEchoed() {
    assertThat(execute(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, "t\u00f6k\u00e9n"),
            "checkout",
            "--customer-id",
            CUSTOMER_ID,
            "--cart-id",
            CUSTOMER_ID,
            "--base-url",
            server.url("/").toString()))
        .isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(err.toString())
        .contains("PARTNER_CENTER_ACCESS_TOKEN holds a character outside ASCII")
        .doesNotContain("t\u00f6k\u00e9n")
        .doesNotContain("Exception");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBaseUrlWithAnEmptyPortIsAUsageError() {
    assertThat(execute(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
            "order",
            "list",
            "--customer-id",
            CUSTOMER_ID,
            "--base-url",
            "http://127.0.0.1:"))
        .isEqualTo(ExitCode.USAGE.code());
    assertUsageError("--base-url", "must name its port");
  }

  @Test
  void anItemNeedsABillingCycleThisClientKnows() {
    assertThat(run("cart", "create", "--customer-id", CUSTOMER_ID, "--item", ITEM + ",quantity=2"))
        .isEqualTo(ExitCode.USAGE.code());
    assertUsageError("an item needs its billing cycle, billing=monthly|annual");

    assertThat(run("purchase", "--customer-id", CUSTOMER_ID, "--item", ITEM + ",billing=weekly"))
        .isEqualTo(ExitCode.USAGE.code());
    assertUsageError("billing must be one of monthly, annual", "got 'weekly'");
  }

  @Test
  void aFileCartWithAnUnknownBillingCycleIsRefused() throws Exception {
    Path file = Files.createTempFile("cart", ".json");
    Files.writeString(
        file,
        "{\"lineItems\":[{\"catalogItemId\":\"" + ITEM + "\",\"quantity\":1,"
            + "\"billingCycle\":\"weekly\"}]}");
    assertThat(run("cart", "create", "--customer-id", CUSTOMER_ID, "--file", file.toString()))
        .isEqualTo(ExitCode.USAGE.code());
    assertUsageError("lineItems[0].billingCycle must be one of", "got 'weekly'");
    Files.delete(file);
  }

  @Test
  void everyHelpShowsTheOneExitCodeTableAndItsMeaningOfRequestId() {
    for (List<String> command : List.of(
        List.of("purchase"),
        List.of("checkout"),
        List.of("cart", "create"),
        List.of("cart", "get"),
        List.of("order", "status"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      assertThat(execute(Map.of("COLUMNS", "400"), args.toArray(String[]::new))).isZero();
      for (ExitCode code : ExitCode.values()) {
        assertThat(out.toString())
            .as(command.toString())
            .containsPattern("(?m)^\\s*" + code.code() + "\\s+"
                + java.util.regex.Pattern.quote(code.meaning()) + "$");
      }
    }
    execute(Map.of("COLUMNS", "400"), "checkout", "--help");
    assertThat(out.toString()).contains("checks the same cart out again safely");
    execute(Map.of("COLUMNS", "400"), "purchase", "--help");
    assertThat(out.toString()).contains("The purchase's ID, the MS-RequestId of its cart creation");
    execute(Map.of("COLUMNS", "400"), "cart", "create", "--help");
    assertThat(out.toString()).contains("a cart is never bought before a checkout");
  }

  @Test
  void theReadmeAndTheCommandLinePageShowTheSameExitCodeTable() throws Exception {
    for (String page : List.of("README.md", "docs/command-line.md")) {
      assertThat(Files.readString(Path.of(page)))
          .as(page + "'s exit code table, as ExitCode.markdownTable() prints it")
          .contains(ExitCode.markdownTable());
    }
  }

  @Test
  void completionOffersTheCloudsTheBillingCyclesAndTheOutputFormats() throws Exception {
    assertThat(execute(Map.of(), "generate-completion")).isZero();
    Path script = Files.createTempFile("partner-center", ".bash");
    Files.writeString(script, out.toString());
    String complete = "source \"$1\"; offer() { COMP_WORDS=(partner-center \"$@\");"
        + " COMP_CWORD=$(($# )); _complete_partner-center; echo \"${COMPREPLY[*]}\"; };"
        + " offer purchase --cloud ''; offer order list --billing-cycle ''; offer checkout -o '';"
        + " offer order get --output j";
    // Outside a real completion, bash says "compopt: not currently executing completion
    // function" on standard error: only the offers on standard output count.
    Process bash = new ProcessBuilder("bash", "-c", complete, "bash", script.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String offered = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(offered).isZero();
    assertThat(offered.lines())
        .containsExactly(
            "global us-government china",
            "monthly annual none one_time triennial biennial",
            "table json",
            "json");
    Files.delete(script);
  }
}
