package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CART_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CUSTOMER_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.TOKEN;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Output that survives its reader: UTF-8 under any locale, no raw control characters, widths. */
class CliOutputTest {
  private static final String ONE_ORDER = "{\"orders\":[{\"id\":\"o-1\",\"status\":\"pending\","
      + "\"lineItems\":[{\"lineItemNumber\":0,\"offerId\":\"CFQ7TTC0LH18:0001\","
      + "\"friendlyName\":\"NAME\",\"quantity\":1}]}],\"orderErrors\":[]}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> extraEnvironment, String... extra) {
    Map<String, String> environment = new HashMap<>(extraEnvironment);
    environment.put(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN);
    List<String> args = new ArrayList<>(List.of(
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID));
    args.addAll(List.of(extra));
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  private void enqueueOrder(String friendlyNameJson) {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .body(ONE_ORDER.replace("NAME", friendlyNameJson))
        .build());
  }

  @Test
  void jsonIsUtf8UnderTheCLocale() throws Exception {
    enqueueOrder("Z\u00fcrich \u20ac");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        PartnerCenterCli.class.getName(),
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID,
        "-o",
        "json");
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("LC_")
            || name.equals("LANG")
            || name.equals("LANGUAGE")
            || name.startsWith("JAVA_TOOL_OPTIONS")
            || name.equals("JDK_JAVA_OPTIONS")
            || name.equals("_JAVA_OPTIONS"));
    environment.put("LC_ALL", "C");
    environment.put(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    byte[] stdout = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String printed = new String(stdout, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed).contains("\"friendlyName\": \"Z\u00fcrich \u20ac\"");
  }

  @Test
  void controlCharactersFromTheServerAreNeutralisedInTables() {
    enqueueOrder("evil\\u001b]0;owned\\u0007name\\u009b2J\\u007f");

    assertThat(run(Map.of())).isEqualTo(ExitCode.SUCCESS.code());
    String printed = out.toString();
    assertThat(printed).contains("evil\\u001b]0;owned\\u0007name\\u009b2J\\u007f");
    assertThat(printed.chars().filter(c -> c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))))
        .isEmpty();
  }

  @Test
  void controlCharactersInErrorMessagesAreNeutralised() {
    server.enqueue(new MockResponse.Builder()
        .code(404)
        .setHeader("Content-Type", "application/json")
        .body("{\"code\":800008,\"description\":\"gone\\u001b[2J\\u0007\"}")
        .build());

    assertThat(run(Map.of(), "--max-attempts", "1")).isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString())
        .contains("gone\\u001b[2J\\u0007")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007");
  }

  @Test
  void tablesFitColumnsCuttingLongCellsWithAnEllipsis() {
    String longName = "Microsoft 365 E5 (no Teams) with a very long friendly name indeed";
    enqueueOrder(longName);

    assertThat(run(Map.of("COLUMNS", "60"))).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString().lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(60));
    assertThat(out.toString()).contains("\u2026").doesNotContain(longName);
  }

  @Test
  void withoutColumnsAndATerminalTablesAreNotCut() {
    String longName = "Microsoft 365 E5 (no Teams) with a very long friendly name indeed, really"
        + " long enough to pass eighty columns on its own";
    enqueueOrder(longName);

    assertThat(run(Map.of())).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString()).contains(longName).doesNotContain("\u2026");
  }

  @Test
  void onATerminalTablesFit80Columns() {
    enqueueOrder(
        "A friendly name long enough that the line items table is wider than eighty" + " columns");
    int exitCode = PartnerCenterCli.newCommandLine(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            null,
            new Terminal(true, false, prompt -> null))
        .execute(
            "checkout",
            "--base-url",
            server.url("/").toString(),
            "--customer-id",
            CUSTOMER_ID,
            "--cart-id",
            CART_ID);

    assertThat(exitCode).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString().lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    assertThat(out.toString()).contains("\u2026");
  }

  @Test
  void helpFollowsColumnsAndKeepsTheUrlWhole() {
    PartnerCenterCli.newCommandLine(
            Map.of("COLUMNS", "150"), new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("checkout", "--help");
    assertThat(out.toString()).contains("http://127.0.0.1:4010");
    assertThat(out.toString().lines().mapToInt(String::length).max().orElse(0))
        .isGreaterThan(80)
        .isLessThanOrEqualTo(150);

    StringWriter narrow = new StringWriter();
    PartnerCenterCli.newCommandLine(
            Map.of("COLUMNS", "60"), new PrintWriter(narrow, true), new PrintWriter(err, true))
        .execute("checkout", "--help");
    assertThat(narrow.toString()).contains("http://127.0.0.1:4010");
    assertThat(narrow
            .toString()
            .lines()
            .filter(line -> !line.startsWith("Usage"))
            .mapToInt(String::length)
            .max()
            .orElse(0))
        .isLessThanOrEqualTo(60);
  }
}
