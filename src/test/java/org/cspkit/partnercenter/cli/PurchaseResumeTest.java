package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fault at every step of {@code purchase}, then the next step it prints, run as printed (split
 * into words by {@code sh}), against a fake Partner Center that counts the carts checked out:
 * exactly one every time, and the advice ends in "Bought". Ctrl-C and SIGTERM run the same
 * shutdown hook, {@link Terminal#interrupt}, called here from the test; the launcher's real
 * signals are in {@code PurchaseSignalsIT}.
 */
@Timeout(120)
class PurchaseResumeTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String MONTHLY = "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,term=P1Y";
  static final String ANNUAL = "CFQ7TTC0LFLS:0002:CFQ7TTC0KDLJ,billing=annual,term=P1Y";

  /** Where the fault is: the operation of each step of the purchase. */
  enum Step {
    CREATE_CART(Operation.CREATE_CART),
    CHECKOUT(Operation.CHECKOUT_CART),
    READ_ORDER(Operation.GET_ORDER),
    PROVISIONING_STATUS(Operation.GET_ORDER_PROVISIONING_STATUS);

    final Operation operation;

    Step(Operation operation) {
      this.operation = operation;
    }
  }

  /** What goes wrong at the step. */
  enum Failure {
    /** The operation runs, and its answer is lost; no attempt left. */
    LOST_ANSWER,
    /** 500 (800003), no attempt left. */
    SERVER_ERROR,
    /** Ctrl-C or SIGTERM while the call waits for its answer. */
    STOP
  }

  @TempDir
  Path state;

  private final FakePartnerCenter fake = FakePartnerCenter.start();

  @AfterEach
  void stopTheFake() {
    fake.close();
  }

  /** What one run of the command line printed, and its exit code. */
  record Run(int exitCode, String out, String err) {
    String nextStep() {
      return PrintedAdvice.nextStep(err);
    }
  }

  Run run(Terminal terminal, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = PartnerCenterCli.newCommandLine(
            Map.of(
                ClientCommand.DEFAULT_TOKEN_VARIABLE,
                "resume-test-token",
                "XDG_STATE_HOME",
                state.toString()),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            null,
            terminal)
        .execute(args.toArray(String[]::new));
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** Runs the command line with the arguments a shell makes of {@code line}. */
  Run runAsPrinted(String line) throws Exception {
    List<String> words = PrintedAdvice.split(line);
    assertThat(words.get(0)).isEqualTo("partner-center");
    return run(Terminal.none(), words.subList(1, words.size()));
  }

  List<String> purchase(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "purchase",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        MONTHLY,
        "--item",
        ANNUAL,
        "--base-url",
        fake.baseUrl()));
    args.addAll(List.of(extra));
    return args;
  }

  /** Runs the purchase; with a stop, stops it once the step's request has arrived. */
  Run faultyPurchase(Step step, Failure failure) throws Exception {
    switch (failure) {
      case LOST_ANSWER -> fake.enqueueFault(Fault.dropAfterCommit().on(step.operation));
      case SERVER_ERROR -> fake.enqueueFault(Fault.errorCode(800003).on(step.operation));
      case STOP -> fake.enqueueFault(Fault.slowAnswer(Duration.ofSeconds(60)).on(step.operation));
    }
    if (failure != Failure.STOP) {
      return run(Terminal.none(), purchase("--max-attempts", "1"));
    }
    Terminal terminal = Terminal.none();
    CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run(terminal, purchase()));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fake.requests(step.operation).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(fake.requests(step.operation)).as("the step's request arrived").isNotEmpty();
    terminal.interrupt(new PrintWriter(new StringWriter(), true));
    return running.get(30, TimeUnit.SECONDS);
  }

  static Stream<Arguments> everyStepAndFailure() {
    return Stream.of(Step.values())
        .flatMap(step -> Stream.of(Failure.values()).map(failure -> Arguments.of(step, failure)));
  }

  @ParameterizedTest(name = "{1} at {0}")
  @MethodSource("everyStepAndFailure")
  void theAdviceRunAsPrintedBuysExactlyOnce(Step step, Failure failure) throws Exception {
    Run first = faultyPurchase(step, failure);

    boolean bought = step == Step.READ_ORDER || step == Step.PROVISIONING_STATUS;
    if (bought && failure != Failure.STOP) {
      // After the checkout a failed read is a note: the purchase is done.
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.err()).contains("note: reading");
      assertThat(first.out()).contains("Bought: cart ");
    } else {
      assertThat(first.exitCode())
          .as(first.err())
          .isEqualTo(
              switch (failure) {
                case LOST_ANSWER -> ExitCode.OUTCOME_UNKNOWN.code();
                case SERVER_ERROR -> ExitCode.SERVICE_ERROR.code();
                case STOP -> ExitCode.INTERRUPTED.code();
              });
      assertThat(first.err())
          .contains(
              step == Step.CREATE_CART
                  ? "step 1/4"
                  : step == Step.CHECKOUT ? "step 2/4" : bought ? "bought: cart " : "");
      if (!bought) {
        assertThat(first.err())
            .contains(
                step == Step.CREATE_CART
                    ? "nothing was bought"
                    : failure == Failure.SERVER_ERROR
                        ? "failed; continuing the purchase checks the same cart out with the same"
                            + " MS-RequestId, which cannot buy twice"
                        : "may have succeeded: continuing the purchase checks the same cart out"
                            + " with the same MS-RequestId")
            .doesNotContain("bought: cart");
      }
      String advice = first.nextStep();
      assertThat(advice).as(first.err()).startsWith("partner-center purchase --resume ");

      Run followed = runAsPrinted(advice);

      assertThat(followed.exitCode()).as(followed.err()).isZero();
      assertThat(followed.out()).contains("Bought: cart ");
      // Following it again changes nothing: the purchase is done.
      assertThat(runAsPrinted(advice).exitCode()).isZero();
    }
    assertExactlyOneCheckout();
  }

  private void assertExactlyOneCheckout() {
    assertThat(fake.carts().stream().filter(cart -> CartStatus.ORDERED.equals(cart.status())))
        .as("carts checked out")
        .hasSize(1);
    assertThat(fake.orders()).as("one order per billing cycle").hasSize(2);
    assertThat(fake.requests(Operation.CHECKOUT_CART).stream()
            .filter(request -> request.status() == 201))
        .as("checkouts that created orders")
        .hasSize(1);
  }

  @Test
  void aStopDuringTheWaitSaysBoughtWithTheOrdersAndResumingFinishesTheWait() throws Exception {
    fake.close();
    try (FakePartnerCenter slow =
        FakePartnerCenter.builder().pendingProvisioningReads(8).start()) {
      Terminal terminal = Terminal.none();
      List<String> args = new ArrayList<>(purchase("--wait", "--poll-interval", "0.05"));
      args.set(args.indexOf(fake.baseUrl()), slow.baseUrl());
      CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run(terminal, args));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (slow.requests(Operation.GET_ORDER_PROVISIONING_STATUS).size() < 3
          && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      terminal.interrupt(new PrintWriter(new StringWriter(), true));
      Run first = running.get(30, TimeUnit.SECONDS);

      String cartId = slow.carts().get(0).id();
      assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.INTERRUPTED.code());
      assertThat(first.err())
          .contains("interrupted: step 4/4 (the wait for the orders' provisioning) was stopped")
          .contains("bought: cart " + cartId + ", order(s) "
              + slow.ordersOf(cartId).get(0).id() + ", "
              + slow.ordersOf(cartId).get(1).id()
              + "; only the wait for their provisioning was stopped")
          .doesNotContain("checkout was cancelled");
      assertThat(first.nextStep()).endsWith(" --wait --poll-interval 0.05");

      Run followed = runAsPrinted(first.nextStep());
      assertThat(followed.exitCode()).as(followed.err()).isZero();
      assertThat(followed.out()).contains("Bought: cart " + cartId + ", 2 order(s)");
      assertThat(slow.carts()).hasSize(1);
      assertThat(slow.orders()).hasSize(2);
      assertThat(slow.requests(Operation.CHECKOUT_CART)).hasSize(1);
    }
  }

  @Test
  void aResumedCheckoutThatFailsStillSaysTheEarlierOneMayHaveSucceeded() throws Exception {
    fake.enqueueFault(Fault.dropAfterCommit().on(Operation.CHECKOUT_CART));
    Run lost = run(Terminal.none(), purchase("--max-attempts", "1"));
    assertThat(lost.exitCode()).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    for (int i = 0; i < 4; i++) {
      fake.enqueueFault(Fault.errorCode(800003).on(Operation.CHECKOUT_CART));
    }

    // The resumed checkout's own attempts all got 500: the first run's checkout went through.
    Run failed = runAsPrinted(lost.nextStep());

    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    assertThat(failed.err())
        .contains("may have succeeded: continuing the purchase checks the same cart out")
        .doesNotContain("nothing was bought");
    assertThat(failed.nextStep()).isEqualTo(lost.nextStep());
    Run followed = runAsPrinted(failed.nextStep());
    assertThat(followed.exitCode()).as(followed.err()).isZero();
    assertExactlyOneCheckout();
  }

  @Test
  void aPurchaseRunByAnotherProcessIsNotRunAgainAndTheAdviceIsToWait() throws Exception {
    String purchaseId = "7d2a4c1e-5b1f-4a43-9d1c-2f0a7d8e9b10";
    fake.enqueueFault(Fault.slowAnswer(Duration.ofSeconds(60)).on(Operation.CHECKOUT_CART));
    Terminal terminal = Terminal.none();
    CompletableFuture<Run> running =
        CompletableFuture.supplyAsync(() -> run(terminal, purchase("--request-id", purchaseId)));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fake.requests(Operation.CHECKOUT_CART).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }

    Run second = run(Terminal.none(), List.of("purchase", "--resume", purchaseId));

    assertThat(second.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(second.err())
        .contains("purchase " + purchaseId + " is being run by another process now: wait for it"
            + " to end, then continue it with 'partner-center purchase --resume " + purchaseId
            + "'")
        .doesNotContain("--journal");
    terminal.interrupt(new PrintWriter(new StringWriter(), true));
    assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(runAsPrinted("partner-center purchase --resume " + purchaseId).exitCode())
        .isZero();
    assertExactlyOneCheckout();
  }

  @Test
  void theSameRequestIdContinuesTheRecordedPurchaseAndOtherItemsAreRefused() throws Exception {
    String purchaseId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    fake.enqueueFault(Fault.dropAfterCommit().on(Operation.CHECKOUT_CART));
    assertThat(run(Terminal.none(), purchase("--request-id", purchaseId, "--max-attempts", "1"))
            .exitCode())
        .isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());

    Run again = run(Terminal.none(), purchase("--request-id", purchaseId));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Purchase " + purchaseId).contains("(continued)");

    List<String> other = purchase("--request-id", purchaseId);
    other.set(other.indexOf(ANNUAL), MONTHLY.replace("monthly", "annual"));
    Run refused = run(Terminal.none(), other);
    assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(refused.err()).contains("other line items").contains("--resume " + purchaseId);
    assertExactlyOneCheckout();
    assertThat(fake.requests(Operation.CREATE_CART)).hasSize(1);
  }

  @Test
  void theJournalHoldsTheStepsIdsAndNoSecret() throws Exception {
    Run bought = run(Terminal.none(), purchase());
    assertThat(bought.exitCode()).as(bought.err()).isZero();

    Path journal;
    try (Stream<Path> files = Files.list(state.resolve("partner-center/purchases"))) {
      journal =
          files.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    String text = Files.readString(journal);
    ReceivedRequest checkout = fake.requests(Operation.CHECKOUT_CART).get(0);
    assertThat(text)
        .contains("\"step\": \"CHECKED_OUT\"")
        .contains("\"checkoutRequestId\": \"" + checkout.requestId() + "\"")
        .contains("\"checkoutRequestId\": \""
            + PurchaseCommand.checkoutRequestId(
                journal.getFileName().toString().replace(".json", ""))
            + "\"")
        .contains("\"correlationId\": \"" + checkout.correlationId() + "\"")
        .doesNotContain("resume-test-token");
    assertThat(fake.requests())
        .extracting(ReceivedRequest::correlationId)
        .as("one correlation ID for the whole purchase")
        .containsOnly(checkout.correlationId());
    assertThat(bought.out())
        .contains("Purchase " + journal.getFileName().toString().replace(".json", ""));
  }

  @Test
  void resumingAFinishedPurchaseReadsItsOrdersAgainAndBuysNothing() throws Exception {
    Run bought = run(Terminal.none(), purchase());
    String firstLine = bought.out().lines().findFirst().orElseThrow();
    String advice = "partner-center purchase --resume "
        + firstLine.substring("Purchase ".length(), firstLine.indexOf(','));
    Run resumed = runAsPrinted(advice);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("(continued)").contains("Bought: cart ");
    assertExactlyOneCheckout();
  }
}
