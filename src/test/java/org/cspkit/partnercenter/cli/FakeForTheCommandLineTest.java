package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample of docs/testing-with-the-fake.md that serves the shipped fake to try the command line
 * by hand: it prints the base URL, the command line buys from it with that URL, and Enter stops
 * it.
 */
class FakeForTheCommandLineTest {
  private static final Pattern BASE_URL = Pattern.compile("--base-url (http://\\S+)");

  @TempDir
  Path state;

  static void serveTheFake() throws IOException {
    // Docs: fake-for-the-command-line
    try (FakePartnerCenter fake = FakePartnerCenter.start()) {
      System.out.println("partner-center ... --base-url " + fake.baseUrl());
      System.out.println("Press Enter to stop the fake.");
      System.in.read();
    }
    // Docs: end
  }

  @Test
  void theCommandLineBuysFromTheFakeTheSampleServesUntilEnter() throws Exception {
    InputStream stdin = System.in;
    PrintStream stdout = System.out;
    PipedOutputStream enter = new PipedOutputStream();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setIn(new PipedInputStream(enter));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
      try {
        serveTheFake();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      Matcher baseUrl = BASE_URL.matcher("");
      while (!baseUrl.reset(printed.toString(StandardCharsets.UTF_8)).find()) {
        assertThat(Instant.now()).as("the sample printed its base URL").isBefore(deadline);
        assertThat(serving).isNotDone();
        Thread.sleep(20);
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] purchase = {
        "purchase",
        "--base-url",
        baseUrl.group(1),
        "--customer-id",
        PurchaseCommandsTest.CUSTOMER_ID,
        "--item",
        PurchaseCommandsTest.ITEM
      };
      int exitCode = PartnerCenterCli.newCommandLine(
              Map.of(
                  ClientCommand.DEFAULT_TOKEN_VARIABLE,
                  "anything",
                  "XDG_STATE_HOME",
                  state.toString()),
              new PrintWriter(out, true),
              new PrintWriter(err, true))
          .execute(purchase);

      assertThat(exitCode).as(err.toString()).isZero();
      assertThat(out.toString()).contains("Bought: cart ").contains(", 1 order(s)");
      assertThat(serving).as("the fake still serves until Enter").isNotDone();
      enter.write('\n');
      enter.flush();
      serving.get(10, TimeUnit.SECONDS);
    } finally {
      enter.close();
      System.setIn(stdin);
      System.setOut(stdout);
    }
  }
}
