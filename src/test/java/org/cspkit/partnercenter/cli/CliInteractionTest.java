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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.ClientVersion;
import org.junit.jupiter.api.Test;

/** Progress lines, Ctrl-C, --confirm, and the usual conventions: help, completion, version. */
class CliInteractionTest {
  private static final String REQUEST_ID = "4fa6dad6-a89f-4875-8247-8294a10ae1cf";
  private static final String NO_ORDERS = "{\"orders\":[],\"orderErrors\":[]}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final PrintWriter errWriter = new PrintWriter(err, true);

  private int run(Map<String, String> extraEnvironment, Terminal terminal, String... extra) {
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
            environment, new PrintWriter(out, true), errWriter, null, terminal)
        .execute(args.toArray(String[]::new));
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Retry-After", "1")
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  @Test
  void progressLinesGoToStderrOnePerFailedAttemptAndWait() {
    enqueue(503, "{\"code\":800003,\"description\":\"Busy.\"}");
    enqueue(201, NO_ORDERS);

    assertThat(run(Map.of("PARTNER_CENTER_PROGRESS", "1"), Terminal.none()))
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(err.toString()).isEqualTo("attempt 1 of 4: 503 (800003); retrying in 1 s\n");
    assertThat(out.toString()).doesNotContain("attempt");
  }

  @Test
  void progressLinesShowOnATerminalAndQuietTurnsThemOff() {
    enqueue(503, "{\"code\":800003,\"description\":\"Busy.\"}");
    enqueue(503, "{\"code\":800003,\"description\":\"Busy.\"}");
    Terminal terminal = new Terminal(false, true, prompt -> null);

    assertThat(run(Map.of(), terminal, "--max-attempts", "2"))
        .isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString()).contains("""
        attempt 1 of 2: 503 (800003); retrying in 1 s
        attempt 2 of 2: 503 (800003)
        """);

    err.getBuffer().setLength(0);
    enqueue(503, "{\"code\":800003,\"description\":\"Busy.\"}");
    assertThat(run(Map.of(), terminal, "--max-attempts", "1", "--quiet"))
        .isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString()).doesNotContain("attempt 1 of 1");
  }

  @Test
  void noProgressLinesWithoutATerminalByDefault() {
    enqueue(503, "{\"code\":800003,\"description\":\"Busy.\"}");

    assertThat(run(Map.of(), Terminal.none(), "--max-attempts", "1"))
        .isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString()).doesNotContain("attempt 1 of 1");
  }

  @Test
  void anInterruptPrintsTheRequestIdTheAttemptsAndTheSafeNextStep() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .headersDelay(20, TimeUnit.SECONDS)
        .body(NO_ORDERS)
        .build());
    Terminal terminal = Terminal.none();
    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(() -> run(Map.of(), terminal, "--request-id", REQUEST_ID));
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

    terminal.interrupt(new PrintWriter(new StringWriter(), true));

    assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(err.toString())
        .contains("interrupted: the checkout of cart " + CART_ID + " was stopped after 0"
            + " finished attempt(s) and one cut off in flight")
        .contains("MS-RequestId: " + REQUEST_ID)
        .contains("the checkout of cart " + CART_ID + " may have succeeded: the next step checks"
            + " the same cart out with the same MS-RequestId")
        .contains("next step: partner-center checkout --base-url " + server.url("/")
            + " --customer-id " + CUSTOMER_ID + " --cart-id " + CART_ID + " --request-id "
            + REQUEST_ID);
  }

  @Test
  void anInterruptDuringAWaitSaysNothingWasChanged() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(503)
        .setHeader("Retry-After", "30")
        .body("{\"code\":800003}")
        .build());
    Terminal terminal = Terminal.none();
    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(() -> run(Map.of(), terminal, "--request-id", REQUEST_ID));
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
    Thread.sleep(300);

    terminal.interrupt(new PrintWriter(new StringWriter(), true));

    assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(err.toString())
        .contains("after 1 finished attempt(s)")
        .contains("#1 503 (800003)")
        .contains("nothing was changed")
        .contains("--request-id " + REQUEST_ID);
  }

  @Test
  void aStopBeforeTheCallStartsSendsNothingAndSaysSo() throws Exception {
    Terminal terminal = Terminal.none();
    terminal.interrupt(new PrintWriter(new StringWriter(), true));

    assertThat(run(Map.of(), terminal)).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(err.toString())
        .contains("interrupted: stopped before the checkout of cart " + CART_ID + " was sent")
        .contains("nothing was changed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aStopWhileConfirmWaitsForAnAnswerSaysNothingWasSent() throws Exception {
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    Terminal terminal = new Terminal(false, false, prompt -> {
      asked.countDown();
      try {
        answer.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "y";
    });
    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(() -> run(Map.of(), terminal, "--confirm"));
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
    terminal.commandStarted();

    StringWriter hook = new StringWriter();
    terminal.interrupt(new PrintWriter(hook, true));
    answer.countDown();

    assertThat(hook.toString())
        .contains("interrupted while waiting for an answer: nothing was sent");
    // Answered yes after the stop: the checkout is still not sent.
    assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void confirmShowsTheRequestAndSendsOnYes() throws Exception {
    enqueue(201, NO_ORDERS);

    assertThat(run(Map.of(), Terminal.answering("y\n", errWriter), "--confirm"))
        .as(err.toString())
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(err.toString())
        .contains("The checkout will send this request:")
        .contains("Authorization: Bearer ****")
        .contains("Send this checkout? [y/N] ")
        .doesNotContain(TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(out.toString()).startsWith("0 order(s)");
  }

  @Test
  void confirmAnsweredNoOrNotAtAllSendsNothing() {
    assertThat(run(Map.of(), Terminal.answering("n\n", errWriter), "--confirm"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("not confirmed: nothing was sent");
    assertThat(run(Map.of(), Terminal.answering("", errWriter), "--confirm"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--confirm got no answer");
    assertThat(run(Map.of(), Terminal.none(), "--confirm")).isEqualTo(ExitCode.USAGE.code());
    assertThat(run(Map.of(), Terminal.none(), "--confirm", "--what-if"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(server.getRequestCount()).isZero();
  }

  private int execute(String... args) {
    return PartnerCenterCli.newCommandLine(Map.of(), new PrintWriter(out, true), errWriter)
        .execute(args);
  }

  @Test
  void versionNamesTheLibraryAndJava() {
    assertThat(execute("--version")).isZero();
    assertThat(execute("checkout", "--version")).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "partner-center " + ClientVersion.version() + " (" + ClientVersion.name() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.vm.name") + ")",
            "partner-center " + ClientVersion.version() + " (" + ClientVersion.name() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.vm.name") + ")");
  }

  @Test
  void helpSubcommandAndRequiredOptionsMarked() {
    assertThat(execute("help", "checkout")).isZero();
    assertThat(out.toString())
        .contains("Usage: partner-center checkout")
        .contains("Options marked * are required.")
        .containsPattern("(?m)^\\*\\s+--cart-id=GUID")
        .containsPattern("(?m)^\\*\\s+--customer-id=GUID")
        .contains("7     outcome unknown");
  }

  @Test
  void generateCompletionPrintsABashAndZshScript() {
    assertThat(execute("generate-completion")).isZero();
    assertThat(out.toString())
        .contains("partner-center")
        .contains("complete -F")
        .contains("zsh")
        .contains("--customer-id");
  }
}
