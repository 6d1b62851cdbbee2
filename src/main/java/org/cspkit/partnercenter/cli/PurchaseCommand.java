package org.cspkit.partnercenter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.cspkit.partnercenter.ProvisioningWaitOptions;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.model.Cart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partner-center purchase}: the whole flow, printing each step. Creates the cart, stops if
 * a line item has an error, checks it out, reads each order, and reads (or waits for) its
 * provisioning status. Each step is recorded in a {@link PurchaseJournal} before it is sent, so
 * that {@code --resume} continues a stopped purchase with the same cart and {@code MS-RequestId}s
 * and never buys twice; the steps themselves are {@link PurchaseSteps}.
 */
@Command(
    name = "purchase",
    description = {
      "Buys for a customer: creates the cart, checks it out, reads the orders and"
          + " their provisioning status, printing each step.",
      "Replaces New-PartnerCustomerCart, Submit-PartnerCustomerCart, Get-PartnerCustomerOrder"
          + " and Get-PartnerCustomerOrderProvisioningStatus run one after the other.",
      "Each step is recorded before it is sent, under the purchase's ID (printed first): if the"
          + " purchase stops, 'purchase --resume ID' continues it with the same cart and"
          + " MS-RequestIds, and a cart already checked out is reported as bought, never bought"
          + " again.",
      "Provisioning status needs app+user credentials; with app-only ones it is a note."
    })
final class PurchaseCommand extends ClientCommand implements Callable<Integer> {
  /** Required unless {@code --resume}: see {@link #describe}. */
  @CommandLine.Mixin
  IdOptions.Customer customerOption = new IdOptions.Customer();

  @CommandLine.ArgGroup(exclusive = false)
  CartCommand.Items items = new CartCommand.Items();

  @CommandLine.Mixin
  OrderCommand.Waiting waiting = new OrderCommand.Waiting();

  @Option(
      names = "--what-if",
      description = "Print the cart request that would be sent (token masked) and send nothing.")
  boolean whatIf;

  @Option(
      names = "--resume",
      paramLabel = "PURCHASE-ID",
      description = "Continue the recorded purchase with this ID from its last step, with its"
          + " customer, cart, MS-RequestIds and connection settings; it never buys twice.")
  String resumeId;

  @Option(
      names = "--journal",
      paramLabel = "DIR",
      description = "Where purchases are recorded, a file each. Default: $XDG_STATE_HOME/"
          + "partner-center/purchases (an absolute XDG_STATE_HOME), else"
          + " ~/.local/state/partner-center/purchases (%LOCALAPPDATA%\\partner-center\\"
          + "purchases on Windows).")
  String journalDirectory;

  /** The settings of {@code --wait}, checked before anything is sent. */
  ProvisioningWaitOptions waitSettings;

  /** The steps of the purchase being run, for the report of a failure. */
  private PurchaseSteps steps;

  @Override
  String requestIdHelp() {
    return "The purchase's ID, the MS-RequestId of its cart creation, and the seed of its"
        + " checkout's. Default: a new one. Run again with the same --request-id and the same"
        + " journal directory (as with --resume), a recorded purchase continues instead of"
        + " buying again.";
  }

  @Override
  void describe(CommandLine.Model.CommandSpec spec) {
    super.describe(spec);
    redescribe(
        spec,
        IdOptions.Customer.OPTION,
        false,
        IdOptions.Customer.HELP.replaceFirst("\\.$", "; required unless --resume."));
  }

  @Override
  String what() {
    return steps == null ? "the purchase" : steps.what();
  }

  @Override
  boolean changes() {
    return true;
  }

  @Override
  public Integer call() {
    PrintWriter err = err();
    RequestOptions options = checkOptions();
    String customerId = customerOption.value;
    Cart request = resumeId == null ? CartCommand.cart(this, items) : null;
    if (whatIf) {
      return withClient(true, (client, out, e) -> {
        WhatIf.print(
            out,
            this,
            "creating the cart",
            client.carts().previewCreate(customerId, request, options),
            false,
            "Then the purchase would check the cart out, read its orders and their provisioning"
                + " status.");
        return ExitCode.SUCCESS.code();
      });
    }
    Path directory = journalDirectory == null
        ? PurchaseJournal.defaultDirectory(environment)
        : Path.of(journalDirectory).toAbsolutePath();
    String id = resumeId != null
        ? resumeId.toLowerCase(Locale.ROOT)
        : requestId != null
            ? requestId.toLowerCase(Locale.ROOT)
            : UUID.randomUUID().toString();
    boolean recorded = PurchaseJournal.exists(directory, id);
    PurchaseJournal journal;
    try {
      journal =
          recorded ? openRecorded(directory, id, request) : record(directory, id, request, options);
    } catch (PurchaseJournal.Busy e) {
      throw usage(e.getMessage() + ": wait for it to end, then continue it with '"
          + NextStep.command(List.of("purchase", "--resume", id)) + "'");
    } catch (IOException e) {
      throw usage("the purchase journal in " + directory + " cannot be used: " + e.getMessage()
          + (recorded || journalDirectory != null
              ? ""
              : " (--journal DIR records purchases elsewhere)"));
    }
    try {
      useRecordedConnection(journal.state());
      steps = new PurchaseSteps(this, journal, options, resumeCommand(journal), recorded);
      return withClient(false, (client, out, e) -> steps.run(client, out, err));
    } finally {
      try {
        journal.close();
      } catch (IOException e) {
        // The purchase is recorded; only its lock could not be let go, which the end of the
        // process does anyway.
        err.println(
            "note: the lock of " + journal.file() + " could not be released: " + e.getMessage());
        err.flush();
      }
    }
  }

  /** Checks the options against each other; returns the per-call options. */
  private RequestOptions checkOptions() {
    if (resumeId != null) {
      requireGuid("--resume", resumeId);
      if (customerOption.value != null || items.items != null || items.file != null) {
        throw usage("--resume continues a recorded purchase with its own customer and line"
            + " items: leave out --customer-id, --item and --file");
      }
      if (whatIf) {
        throw usage("--what-if and --resume cannot be used together");
      }
      if (requestId != null && !requestId.equalsIgnoreCase(resumeId)) {
        throw usage("--request-id of a resumed purchase is its ID: leave it out");
      }
    } else if (customerOption.value == null) {
      throw usage("Missing required option: '--customer-id=GUID' (or --resume PURCHASE-ID)");
    } else {
      customerOption.checked(this);
    }
    if (connection.baseUrl != null
        && !Connection.maskUserInfo(connection.baseUrl).equals(connection.baseUrl)) {
      throw usage("--base-url of a purchase is recorded to resume it: leave the user name and"
          + " password out of it (credentials come from the environment)");
    }
    waitSettings = waiting.settings(this);
    return requestOptions(err());
  }

  /**
   * Opens a recorded purchase to continue it; a usage error when it was started with another
   * customer or other line items than the ones given.
   */
  private PurchaseJournal openRecorded(Path directory, String id, Cart request) throws IOException {
    PurchaseJournal journal = PurchaseJournal.open(directory, id);
    PurchaseJournal.State state = journal.state();
    if (resumeId == null
        && !(state.customerId.equalsIgnoreCase(customerOption.value)
            && Objects.equals(state.cart, request))) {
      journal.close();
      throw usage("purchase " + id + " was started for customer " + state.customerId + " with"
          + " other line items: continue it with --resume " + id + ", or give another"
          + " --request-id");
    }
    return journal;
  }

  /** Records a new purchase before anything is sent; a usage error for a --resume of none. */
  private PurchaseJournal record(Path directory, String id, Cart request, RequestOptions options)
      throws IOException {
    if (resumeId != null) {
      throw usage("no purchase " + id + " is recorded in " + directory
          + (journalDirectory == null ? " (if it was started with --journal DIR, give it)" : ""));
    }
    PurchaseJournal.State state = new PurchaseJournal.State();
    state.purchaseId = id;
    state.step = PurchaseJournal.Step.CREATING_CART;
    state.customerId = customerOption.value.toLowerCase(Locale.ROOT);
    state.cart = request;
    state.cloud = connection.cloud;
    state.baseUrl = connection.baseUrl;
    state.tokenVariable = connection.tokenVariable;
    state.locale = connection.locale;
    state.applicationName = connection.applicationName;
    state.correlationId = options
        .correlationId()
        .map(UUID::toString)
        .orElseGet(() -> UUID.randomUUID().toString());
    state.createCartRequestId = id;
    // Derived from the purchase's ID, not drawn: the same --request-id checks out with the same
    // MS-RequestId even from another journal (another user, machine or --journal).
    state.checkoutRequestId = checkoutRequestId(id);
    try {
      return PurchaseJournal.create(directory, state);
    } catch (FileAlreadyExistsException e) {
      throw usage("purchase " + id + " was recorded by another process just now: continue it"
          + " with --resume " + id);
    }
  }

  /** The checkout's MS-RequestId of a purchase: a name-based UUID of its ID. */
  static String checkoutRequestId(String purchaseId) {
    return UUID.nameUUIDFromBytes(
            (purchaseId + "/checkoutCart").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /** On a resume, the connection settings recorded, except those given again. */
  private void useRecordedConnection(PurchaseJournal.State state) {
    CommandLine.ParseResult given = spec.commandLine().getParseResult();
    if (!given.hasMatchedOption("--cloud") && state.cloud != null) {
      connection.cloud = state.cloud;
    }
    if (!given.hasMatchedOption("--base-url")) {
      connection.baseUrl = state.baseUrl;
    }
    if (!given.hasMatchedOption("--token-env") && state.tokenVariable != null) {
      connection.tokenVariable = state.tokenVariable;
    }
    if (!given.hasMatchedOption("--locale") && state.locale != null) {
      connection.locale = state.locale;
    }
    if (!given.hasMatchedOption("--application-name")) {
      connection.applicationName = state.applicationName;
    }
  }

  /** The command that continues this purchase, as printed in every next step. */
  private String resumeCommand(PurchaseJournal journal) {
    List<String> args =
        new ArrayList<>(List.of("purchase", "--resume", journal.state().purchaseId));
    if (journalDirectory != null) {
      args.add("--journal");
      args.add(journal.file().getParent().toString());
    }
    if (waiting.enabled) {
      args.add("--wait");
      CommandLine.ParseResult given = spec.commandLine().getParseResult();
      for (String option : List.of("--poll-interval", "--wait-timeout")) {
        if (given.hasMatchedOption(option)) {
          args.add(option);
          args.add(given.matchedOption(option).stringValues().get(0));
        }
      }
    }
    return NextStep.command(args);
  }

  @Override
  int report(Throwable failure) {
    if (steps == null || failure instanceof IllegalArgumentException) {
      return super.report(failure);
    }
    return steps.report(failure);
  }
}
