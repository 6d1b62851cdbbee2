package org.cspkit.partnercenter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.OrderGetParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * The steps of one {@code purchase}, from the step its journal records: create the cart (or read
 * the one an earlier run created), check it out, read the orders, read or wait for their
 * provisioning. Each step that changes something is recorded before it is sent, with the {@code
 * MS-RequestId} it is sent with; a failure or a stop is reported with what the step in flight may
 * have done and the command that continues the purchase. Once the checkout has succeeded the
 * orders exist: a failure to read them is a note, and the exit code is the checkout's.
 */
final class PurchaseSteps {
  /** The step in flight, as the report of a failure names it. */
  private enum Stage {
    CREATE,
    READ_CART,
    CHECKOUT,
    READ_ORDERS,
    STATUS
  }

  private final PurchaseCommand command;
  private final PurchaseJournal journal;
  private final PurchaseJournal.State state;
  private final RequestOptions options;
  private final String resumeCommand;
  /** Whether the purchase was recorded before this run: its first step may have been sent. */
  private final boolean resumed;
  /** The step recorded when this run began: the one an earlier run may have sent. */
  private final PurchaseJournal.Step recordedStep;

  private final List<String> notes = new ArrayList<>();
  private final List<Order> orders = new ArrayList<>();
  private final Map<String, OrderProvisioningStatusCollection> statuses = new LinkedHashMap<>();
  private Stage stage = Stage.CREATE;
  private Cart cart;

  PurchaseSteps(
      PurchaseCommand command,
      PurchaseJournal journal,
      RequestOptions options,
      String resumeCommand,
      boolean resumed) {
    this.command = command;
    this.journal = journal;
    this.state = journal.state();
    this.options = options;
    this.resumeCommand = resumeCommand;
    this.resumed = resumed;
    this.recordedStep = state.step;
  }

  /** The step in flight, for reports. */
  String what() {
    return switch (stage) {
      case CREATE -> "step 1/4 (creating the cart for customer " + state.customerId + ")";
      case READ_CART -> "step 1/4 (reading cart " + state.cartId + ")";
      case CHECKOUT -> "step 2/4 (the checkout of cart " + state.cartId + ")";
      case READ_ORDERS -> "step 3/4 (reading the orders)";
      case STATUS ->
        command.waiting.enabled
            ? "step 4/4 (the wait for the orders' provisioning)"
            : "step 4/4 (reading the orders' provisioning status)";
    };
  }

  /** Runs the steps left; returns the exit code. */
  int run(PartnerCenterClient client, PrintWriter out, PrintWriter err) {
    String recorded = state.purchaseId + ", recorded in " + journal.file();
    if (command.json()) {
      err.println("purchase " + recorded);
      err.flush();
    } else {
      out.println("Purchase " + recorded + (resumed ? " (continued)" : ""));
      out.flush();
    }
    if (state.step == PurchaseJournal.Step.CREATING_CART) {
      createCart(client, out);
    }
    if (state.step == PurchaseJournal.Step.CART_CREATED) {
      int stopped = checkCart(client, out, err);
      if (stopped != ExitCode.SUCCESS.code()) {
        return stopped;
      }
    }
    if (state.step == PurchaseJournal.Step.CHECKING_OUT) {
      checkout(client, out);
    }
    return afterCheckout(client, out, err);
  }

  private void createCart(PartnerCenterClient client, PrintWriter out) {
    enter(Stage.CREATE, out, "1/4 Creating the cart for customer " + state.customerId);
    cart = command.call(() -> client
        .carts()
        .createAsync(state.customerId, state.cart, options(state.createCartRequestId)));
    state.cartId = cart.id();
    state.step = PurchaseJournal.Step.CART_CREATED;
    record("cart " + cart.id() + " was created; nothing was bought");
    if (!command.json()) {
      ResultTable.print(out, cart, command.tableWidth());
    }
  }

  /** Stops with exit code 8 when a line item has an error; returns 0 otherwise. */
  private int checkCart(PartnerCenterClient client, PrintWriter out, PrintWriter err) {
    if (cart == null) {
      enter(Stage.READ_CART, out, "1/4 Reading cart " + state.cartId + ", created earlier");
      cart = command.call(
          () -> client.carts().getAsync(state.customerId, state.cartId, options(null)));
      if (!command.json()) {
        ResultTable.print(out, cart, command.tableWidth());
      }
    }
    if (!cart.lineItemsWithErrors().isEmpty()) {
      return context(ErrorReport.message(
                  ExitCode.NOT_BOUGHT,
                  "cart " + state.cartId + " has line items with errors, so checking it out"
                      + " would fail (800009): nothing was bought")
              .explain(Advice.fixLineItemsThenContinue(state.customerId, state.cartId)))
          .nextStep(resumeCommand)
          .print(out, err, command.json());
    }
    state.step = PurchaseJournal.Step.CHECKING_OUT;
    record("cart " + state.cartId + " was not checked out; nothing was bought");
    return ExitCode.SUCCESS.code();
  }

  private void checkout(PartnerCenterClient client, PrintWriter out) {
    enter(Stage.CHECKOUT, out, "2/4 Checking out cart " + state.cartId);
    CartCheckoutResult result;
    try {
      result = command.call(() -> client
          .carts()
          .checkoutAsync(
              state.customerId,
              state.cartId,
              CheckoutParams.none(),
              options(state.checkoutRequestId)));
    } catch (ClientCommand.CallFailed failed) {
      // Already submitted, by this purchase's earlier run: bought, and its orders are not
      // returned again for this cart.
      if (!CheckoutCommand.alreadyCheckedOut(
          command, client, state.customerId, state.cartId, options(null), failed)) {
        throw failed;
      }
      result = null;
    }
    state.checkout = result;
    state.step = PurchaseJournal.Step.CHECKED_OUT;
    try {
      journal.save();
    } catch (IOException e) {
      note(Advice.checkoutNotRecorded(e.getMessage()));
    }
    if (result != null && !command.json()) {
      ResultTable.print(out, result, command.tableWidth());
    }
  }

  private int afterCheckout(PartnerCenterClient client, PrintWriter out, PrintWriter err) {
    CartCheckoutResult result = state.checkout;
    if (result == null) {
      stage = Stage.READ_ORDERS;
      if (command.json()) {
        PurchaseJson.print(out, journal, cart, orders, statuses, notes);
      } else {
        out.println();
        CheckoutCommand.printCheckedOutEarlier(command, out, state.customerId, state.cartId);
      }
      return ExitCode.SUCCESS.code();
    }
    enter(Stage.READ_ORDERS, out, "3/4 Reading the " + result.orders().size() + " order(s)");
    for (Order created : result.orders()) {
      Order order = readOrNote(
          () -> client
              .orders()
              .getAsync(state.customerId, created.id(), OrderGetParams.none(), options(null)),
          "reading order " + created.id());
      orders.add(order != null ? order : created);
      if (order != null && !command.json()) {
        out.println();
        ResultTable.print(out, order, command.tableWidth());
      }
    }
    boolean waiting = command.waiting.enabled;
    enter(
        Stage.STATUS,
        out,
        "4/4 " + (waiting ? "Waiting for" : "Reading") + " the provisioning status");
    boolean pending = false;
    for (Order order : orders) {
      OrderProvisioningStatusCollection status = readOrNote(
          () -> waiting
              ? OrderCommand.lastAtTimeout(client
                  .orders()
                  .waitForProvisioningAsync(
                      state.customerId,
                      order.id(),
                      command.waiting.forOrder(command, command.waitSettings, order.id()),
                      options(null)))
              : client
                  .orders()
                  .getProvisioningStatusAsync(state.customerId, order.id(), options(null)),
          "reading the provisioning status of order " + order.id());
      if (status != null) {
        statuses.put(order.id(), status);
        pending |= status.anyPending();
        if (!command.json()) {
          out.println();
          OrderCommand.printStatuses(command, out, err, order.id(), status, false);
        }
      }
    }
    if (command.json()) {
      PurchaseJson.print(out, journal, cart, orders, statuses, notes);
    } else {
      out.println();
      out.println((CheckoutCommand.nothingBought(result)
              ? "Not bought: every order group of cart "
              : "Bought: cart ")
          + state.cartId + ", " + result.orders().size() + " order(s)"
          + (result.orderErrors().isEmpty()
              ? ""
              : ", " + result.orderErrors().size() + " order group(s) failed")
          + (pending ? "; provisioning still pending" : ""));
      out.flush();
    }
    if (pending) {
      err.println(Advice.purchaseStillPending());
      err.println("next step: " + (waiting ? resumeCommand : resumeCommand + " --wait"));
      err.flush();
    }
    return CheckoutCommand.exitCode(result, waiting && pending);
  }

  /** Starts a step: a stop requested since the last one ends the purchase here. */
  private void enter(Stage next, PrintWriter out, String title) {
    stage = next;
    try {
      command.terminal.checkNotStopped();
    } catch (Terminal.Stopped e) {
      throw new ClientCommand.CallFailed(e);
    }
    if (!command.json()) {
      out.println();
      out.println("== " + TerminalText.safe(title));
      out.flush();
    }
  }

  /** Records the step reached; when that fails, stops before the next step is sent. */
  private void record(String whereItStands) {
    try {
      journal.save();
    } catch (IOException e) {
      PrintWriter err = command.err();
      throw new ClientCommand.Exit(context(ErrorReport.message(
              ExitCode.USAGE,
              "the purchase journal " + journal.file() + " cannot be written: " + e.getMessage()))
          .explain(whereItStands)
          .nextStep(resumeCommand)
          .print(command.out(), err, command.json()));
    }
  }

  /** A read whose Partner Center failure, or refused ID, is a note: the orders exist. */
  private <T> T readOrNote(Supplier<CompletableFuture<T>> read, String what) {
    try {
      return command.call(read);
    } catch (ClientCommand.CallFailed failed) {
      if (failed.failure instanceof PartnerCenterException
          || failed.failure instanceof IllegalArgumentException) {
        note(what + " failed: " + failed.failure.getMessage());
        return null;
      }
      throw failed;
    }
  }

  private void note(String note) {
    notes.add(note);
    PrintWriter err = command.err();
    err.println("note: " + TerminalText.safe(note));
    err.flush();
  }

  /** The options of one call: this purchase's correlation ID, and the request ID or a new one. */
  private RequestOptions options(String requestId) {
    return options
        .newBuilder()
        .correlationId(UUID.fromString(state.correlationId))
        .requestId(requestId == null ? null : UUID.fromString(requestId))
        .build();
  }

  /** Reports a failure or a stop: what the step may have done, and how to continue. */
  int report(Throwable failure) {
    ErrorReport report = ErrorReport.of(failure, what());
    if (!report.interrupted()) {
      report.explain("failed in " + what());
    }
    String cartId = state.cartId;
    // The step this run began with may have been sent by an earlier run, with the same
    // MS-RequestId: what this run's attempt did does not tell what that one did.
    boolean sentByAnEarlierRun = resumed
        && ((stage == Stage.CREATE && recordedStep == PurchaseJournal.Step.CREATING_CART)
            || (stage == Stage.CHECKOUT && recordedStep == PurchaseJournal.Step.CHECKING_OUT));
    if (sentByAnEarlierRun || (stage == Stage.CHECKOUT && alreadySubmitted(failure))) {
      report.earlierMayHaveSucceeded();
    }
    switch (stage) {
      case CREATE ->
        report.explain(
            report.mayHaveSucceeded()
                ? Advice.purchaseCartMayHaveBeenCreated()
                : "no cart was created; nothing was bought");
      case READ_CART ->
        report.explain("cart " + cartId + " exists and was not checked out; nothing was bought");
      case CHECKOUT ->
        report.explain(
            report.mayHaveSucceeded()
                ? Advice.checkoutMayHaveSucceeded(
                    cartId, "continuing the purchase", state.checkoutRequestId)
                : failedStatus(failure) >= 500
                    ? Advice.purchaseCheckoutFailed(cartId)
                    : "cart " + cartId + " was not checked out; nothing was bought");
      default ->
        report.explain("bought: cart " + cartId + ", order(s) " + String.join(", ", orderIds())
            + "; only "
            + (stage == Stage.STATUS && command.waiting.enabled
                ? "the wait for their provisioning"
                : "reading them")
            + " was stopped");
    }
    return context(report.nextStep(resumeCommand))
        .print(command.out(), command.err(), command.json());
  }

  /** The HTTP status of a Partner Center failure, or 0. */
  private static int failedStatus(Throwable failure) {
    return failure instanceof PartnerCenterException e ? e.statusCode() : 0;
  }

  /**
   * Partner Center said the cart was already checked out (800065), and its status could not be
   * read to confirm it: bought, most likely.
   */
  private static boolean alreadySubmitted(Throwable failure) {
    return failure instanceof PartnerCenterException e && e.errorCode().orElse(0) == 800065;
  }

  private ErrorReport context(ErrorReport report) {
    return report
        .context("purchaseId", state.purchaseId)
        .context("journal", journal.file().toString())
        .context("step", state.step.name())
        .context("cartId", state.cartId)
        .context("orderIds", orderIds());
  }

  private List<String> orderIds() {
    List<String> ids = new ArrayList<>();
    if (state.checkout != null) {
      for (Order order : state.checkout.orders()) {
        ids.add(String.valueOf(order.id()));
      }
    }
    return ids;
  }
}
