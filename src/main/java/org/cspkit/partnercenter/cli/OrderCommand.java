package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.cspkit.partnercenter.OrderGetParams;
import org.cspkit.partnercenter.OrderListParams;
import org.cspkit.partnercenter.ProvisioningWaitOptions;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.exception.ProvisioningTimeoutException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderLineItemActivationLinkCollection;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partner-center order}: the order operations, one subcommand each. */
@Command(
    name = "order",
    description = "Read a customer's orders and their provisioning status.",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    subcommands = {
      OrderCommand.Get.class,
      OrderCommand.ListOrders.class,
      OrderCommand.Status.class,
      OrderCommand.ActivationLinks.class,
    })
final class OrderCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw PartnerCenterCli.missingSubcommand(spec);
  }

  @Command(
      name = "get",
      description = {
        "Reads an order: GET /v1/customers/{customer-id}/orders/{order-id}.",
        "Replaces the PowerShell cmdlet Get-PartnerCustomerOrder -OrderId."
      })
  static final class Get extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.Mixin
    IdOptions.Order orderOption = new IdOptions.Order();

    @Option(names = "--include-price", description = "Ask for prices (include_price=true).")
    boolean includePrice;

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      String orderId = orderOption.checked(this);
      OrderGetParams params =
          OrderGetParams.builder().includePrice(includePrice).build();
      return read(
          Order.class,
          (client, options) -> client.orders().getAsync(customerId, orderId, params, options),
          ResultTable::print);
    }

    @Override
    String what() {
      return "reading order " + orderOption.value;
    }
  }

  @Command(
      name = "list",
      description = {
        "Lists a customer's orders: GET /v1/customers/{customer-id}/orders.",
        "Replaces the PowerShell cmdlet Get-PartnerCustomerOrder. A new order can take up to"
            + " 15 minutes to appear: read it with 'order get'."
      })
  static final class ListOrders extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @Option(
        names = "--billing-cycle",
        paramLabel = "CYCLE",
        completionCandidates = Completions.BillingCycles.class,
        description = "Only orders of this billing cycle: monthly, annual, triennial, biennial,"
            + " one_time, none.")
    String billingCycle;

    @Option(names = "--include-price", description = "Ask for prices (include_price=true).")
    boolean includePrice;

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      OrderListParams params = OrderListParams.builder()
          .billingType(billingCycle == null ? null : BillingCycleType.fromString(billingCycle))
          .includePrice(includePrice)
          .build();
      return read(
          OrderCollection.class,
          (client, options) -> client.orders().listAsync(customerId, params, options),
          ResultTable::print);
    }

    @Override
    String what() {
      return "listing the orders of customer " + customerOption.value;
    }
  }

  @Command(
      name = "activation-links",
      description = {
        "Reads the activation links of an order line item (SaaS and marketplace products):",
        "GET /v1/customers/{customer-id}/orders/{order-id}/lineitems/{n}/activationlinks.",
        "Replaces the PowerShell cmdlet Get-PartnerCustomerOrderLineItemActivationLink."
      })
  static final class ActivationLinks extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.Mixin
    IdOptions.Order orderOption = new IdOptions.Order();

    @Option(names = "--line-item-number", required = true, description = "The line item's number.")
    int lineItem;

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      String orderId = orderOption.checked(this);
      return read(
          OrderLineItemActivationLinkCollection.class,
          (client, options) ->
              client.orders().getActivationLinksAsync(customerId, orderId, lineItem, options),
          ResultTable::printItems);
    }

    @Override
    String what() {
      return "reading the activation links of order " + orderOption.value;
    }
  }

  @Command(
      name = "status",
      description = {
        "Reads the provisioning status of each line item of an order:",
        "GET /v1/customers/{customer-id}/orders/{order-id}/provisioningstatus.",
        "Replaces the PowerShell cmdlet Get-PartnerCustomerOrderProvisioningStatus.",
        "Needs app+user credentials (a refresh token or an app+user access token)."
      })
  static final class Status extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.Mixin
    IdOptions.Order orderOption = new IdOptions.Order();

    @CommandLine.Mixin
    Waiting waiting = new Waiting();

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      String orderId = orderOption.checked(this);
      ProvisioningWaitOptions wait = waiting.forOrder(this, waiting.settings(this), orderId);
      RequestOptions options = requestOptions(err());
      return withClient(
          false,
          (client, out, err) -> printStatuses(
              this,
              out,
              err,
              orderId,
              call(() -> waiting.enabled
                  ? lastAtTimeout(
                      client.orders().waitForProvisioningAsync(customerId, orderId, wait, options))
                  : client.orders().getProvisioningStatusAsync(customerId, orderId, options)),
              waiting.enabled));
    }

    @Override
    String what() {
      return waiting.enabled
          ? "the wait for the provisioning of order " + orderOption.value
          : "reading the provisioning status of order " + orderOption.value;
    }

    @Override
    String stoppedRead() {
      return waiting.enabled && waiting.polled
          ? "order " + orderOption.value
              + " exists, and its provisioning goes on; only the wait was"
              + " stopped: nothing was changed (a read)"
          : super.stoppedRead();
    }
  }

  /** {@code --wait}, {@code --poll-interval} and {@code --wait-timeout}. */
  static final class Waiting {
    /** Whether a poll of a wait has returned statuses: the order exists. */
    volatile boolean polled;

    @Option(
        names = "--wait",
        description = "Poll until no line item is pending, or the wait timeout passes.")
    boolean enabled;

    @Option(
        names = "--poll-interval",
        paramLabel = "SECONDS",
        defaultValue = "15",
        description =
            "First wait between polls, doubling up to 8 times it. Default:" + " ${DEFAULT-VALUE}.")
    double pollIntervalSeconds;

    @Option(
        names = "--wait-timeout",
        paramLabel = "SECONDS",
        defaultValue = "1800",
        description = "How long --wait polls an order. Default: ${DEFAULT-VALUE}.")
    double waitTimeoutSeconds;

    /**
     * The wait's settings, checked once: a usage error naming the option for a value out of
     * range.
     */
    ProvisioningWaitOptions settings(ClientCommand command) {
      if (!(pollIntervalSeconds >= MIN_POLL_SECONDS && pollIntervalSeconds <= 3600)) {
        throw command.usage("--poll-interval must be from " + MIN_POLL_SECONDS + " to 3600"
            + " seconds, got " + pollIntervalSeconds);
      }
      if (!(waitTimeoutSeconds > 0 && waitTimeoutSeconds <= 86400)) {
        throw command.usage("--wait-timeout must be more than 0 and at most 86400 seconds, got "
            + waitTimeoutSeconds);
      }
      // Compared as sent: in whole milliseconds.
      Duration interval = Duration.ofMillis(Math.round(pollIntervalSeconds * 1000));
      Duration timeout = Duration.ofMillis(Math.round(waitTimeoutSeconds * 1000));
      if (timeout.compareTo(interval) <= 0) {
        throw command.usage("--wait-timeout (" + waitTimeoutSeconds + " s) must be more than"
            + " --poll-interval (" + pollIntervalSeconds + " s): the wait would end before its"
            + " second poll");
      }
      return ProvisioningWaitOptions.builder()
          .initialInterval(interval)
          .maxInterval(interval.multipliedBy(8))
          .timeout(timeout)
          .build();
    }

    /**
     * The wait for one order: the settings, a listener that notes a poll came back, and the
     * progress lines for {@code orderId} when they are on.
     */
    ProvisioningWaitOptions forOrder(
        ClientCommand command, ProvisioningWaitOptions settings, String orderId) {
      Consumer<OrderProvisioningStatusCollection> progress = enabled && command.progress()
          ? Progress.waitLines(command.err(), orderId, System::nanoTime)
          : statuses -> {};
      return settings
          .newBuilder()
          .pollListener(statuses -> {
            polled = true;
            progress.accept(statuses);
          })
          .build();
    }
  }

  /**
   * The wait's future, with the library's timeout turned back into the statuses its last poll read
   * (still pending: {@link #printStatuses} makes that exit code 9); cancelling it cancels the wait.
   */
  // FutureReturnValueIgnored: the whenComplete stage is a callback only.
  @SuppressWarnings("FutureReturnValueIgnored")
  static CompletableFuture<OrderProvisioningStatusCollection> lastAtTimeout(
      CompletableFuture<OrderProvisioningStatusCollection> wait) {
    CompletableFuture<OrderProvisioningStatusCollection> statuses = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        return wait.cancel(mayInterruptIfRunning);
      }
    };
    wait.whenComplete((value, failure) -> {
      if (failure instanceof ProvisioningTimeoutException timeout) {
        statuses.complete(timeout.lastStatuses());
      } else if (failure != null) {
        statuses.completeExceptionally(failure);
      } else {
        statuses.complete(value);
      }
    });
    return statuses;
  }

  /** The shortest {@code --poll-interval}, in seconds. */
  static final double MIN_POLL_SECONDS = 0.01;

  /** Prints the statuses; with {@code waited}, a line still pending makes exit code 9. */
  static int printStatuses(
      ClientCommand command,
      PrintWriter out,
      PrintWriter err,
      String orderId,
      OrderProvisioningStatusCollection statuses,
      boolean waited) {
    if (command.json()) {
      JsonOutput.printModel(out, OrderProvisioningStatusCollection.class, statuses);
    } else {
      out.println("Order " + TerminalText.safe(orderId) + ": provisioning status");
      ResultTable.print(out, statuses, command.tableWidth());
      out.flush();
    }
    if (waited && statuses.anyPending()) {
      err.println(Advice.stillPending(TerminalText.safe(orderId)));
      err.println("next step: " + NextStep.rerun(command.originalArgs(), null, null));
      err.flush();
      return ExitCode.STILL_PENDING.code();
    }
    return ExitCode.SUCCESS.code();
  }
}
