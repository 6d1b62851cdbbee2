package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM at every step of {@code purchase}, run as an operator runs it: the
 * installed {@code partner-center} launcher on the {@code PATH}, a first run with an empty cache
 * (the launcher records its start-up archive then), the signal sent to the process the shell
 * started. Then the next step it printed is run through {@code sh}, as printed, against a fake
 * Partner Center that counts the carts checked out: exactly one every time.
 */
@Timeout(600)
class PurchaseSignalsIT {
  private static final Path DIST_HOME = Path.of(System.getProperty("dist.home"));
  private static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";

  @TempDir
  Path userHome;

  private final FakePartnerCenter fake = FakePartnerCenter.start();

  @AfterEach
  void stopTheFake() {
    fake.close();
  }

  static Stream<Arguments> everyStepAndSignal() {
    return Stream.of(
            Operation.CREATE_CART,
            Operation.CHECKOUT_CART,
            Operation.GET_ORDER,
            Operation.GET_ORDER_PROVISIONING_STATUS)
        .flatMap(step -> Stream.of("INT", "TERM").map(signal -> Arguments.of(step, signal)));
  }

  @ParameterizedTest(name = "SIG{1} during {0}")
  @MethodSource("everyStepAndSignal")
  void aSignalStopsThePurchaseAndTheAdviceRunAsPrintedBuysOnce(Operation step, String signal)
      throws Exception {
    fake.enqueueFault(Fault.slowAnswer(Duration.ofMinutes(2)).on(step));
    Process purchase = start(List.of(
        "partner-center",
        "purchase",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,term=P1Y",
        "--base-url",
        fake.baseUrl()));
    CompletableFuture<String> stdout = read(purchase.getInputStream());
    CompletableFuture<String> stderr = read(purchase.getErrorStream());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (fake.requests(step).isEmpty() && purchase.isAlive() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(fake.requests(step)).as("the step's request arrived").isNotEmpty();

    new ProcessBuilder("kill", "-" + signal, String.valueOf(purchase.pid()))
        .inheritIO()
        .start()
        .waitFor();
    assertThat(purchase.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
    InstalledDistribution.Run stopped =
        new InstalledDistribution.Run(purchase.exitValue(), stdout.get(), stderr.get());

    assertThat(stopped.exitCode())
        .as(stopped.stderr())
        .isEqualTo(signal.equals("INT") ? ExitCode.INTERRUPTED.code() : 143);
    assertThat(stopped.stderr())
        .contains(
            switch (step) {
              case CREATE_CART -> "step 1/4 (creating the cart";
              case CHECKOUT_CART -> "step 2/4 (the checkout of cart";
              case GET_ORDER -> "step 3/4 (reading the orders)";
              default -> "step 4/4 (reading the orders' provisioning status)";
            })
        .contains(
            switch (step) {
              case CREATE_CART -> "nothing was bought";
              case CHECKOUT_CART ->
                "may have succeeded: continuing the purchase checks the same"
                    + " cart out with the same MS-RequestId";
              default -> "bought: cart ";
            });
    if (step == Operation.CREATE_CART) {
      assertThat(fake.requests(Operation.CHECKOUT_CART))
          .as("nothing more was sent")
          .isEmpty();
    }
    String advice = stopped.nextStep();
    assertThat(advice).as(stopped.stderr()).startsWith("partner-center purchase --resume ");

    Process follow = start(List.of("sh", "-c", advice));
    CompletableFuture<String> followOut = read(follow.getInputStream());
    CompletableFuture<String> followErr = read(follow.getErrorStream());
    assertThat(follow.waitFor(120, TimeUnit.SECONDS)).isTrue();
    InstalledDistribution.Run followed =
        new InstalledDistribution.Run(follow.exitValue(), followOut.get(), followErr.get());

    assertThat(followed.exitCode()).as(followed.stderr()).isZero();
    assertThat(followed.stdout()).contains("Bought: cart ");
    assertThat(fake.carts().stream().filter(cart -> CartStatus.ORDERED.equals(cart.status())))
        .as("carts checked out")
        .hasSize(1);
    assertThat(fake.requests(Operation.CHECKOUT_CART).stream()
            .filter(request -> request.status() == 201))
        .as("checkouts that created orders")
        .hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void withStandardErrorOnATerminalAndTheJsonInAFileTheWaitShowsItsProgress() throws Exception {
    fake.close();
    try (FakePartnerCenter pending =
        FakePartnerCenter.builder().pendingProvisioningReads(3).start()) {
      Path json = userHome.resolve("purchase.json");
      // script(1) gives the command a terminal; its standard output goes to a file.
      String purchase = "partner-center purchase --customer-id " + CUSTOMER_ID
          + " --item CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly --base-url "
          + pending.baseUrl() + " --wait --poll-interval 0.05 -o json > " + json;
      Process script = start(List.of("script", "-qec", purchase, "/dev/null"));
      CompletableFuture<String> terminal = read(script.getInputStream());
      CompletableFuture<String> scriptErrors = read(script.getErrorStream());
      assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();

      assertThat(script.exitValue()).as(terminal.get() + scriptErrors.get()).isZero();
      assertThat(terminal.get())
          .contains("line item(s) pending after")
          .contains("no line item pending after");
      assertThat(java.nio.file.Files.readString(json))
          .startsWith("{")
          .contains("\"purchaseId\"")
          .doesNotContain("pending after");
    }
  }

  /**
   * Starts a command as an operator's shell would ({@link InstalledDistribution#builder}), with
   * the launcher on the PATH and the signals at their default action ({@link
   * InstalledDistribution#signalsAtDefault}).
   */
  private Process start(List<String> command) throws Exception {
    return InstalledDistribution.builder(
            userHome,
            Map.of(
                "PATH",
                DIST_HOME.resolve("bin") + File.pathSeparator + System.getenv("PATH"),
                "XDG_STATE_HOME",
                userHome.resolve("state").toString()),
            InstalledDistribution.signalsAtDefault(command))
        .start();
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
