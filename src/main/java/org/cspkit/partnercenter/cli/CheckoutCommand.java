package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partner-center checkout}: checks out one cart and prints the orders. */
@Command(
    name = "checkout",
    description = {
      "Checks out a customer's cart: POST /v1/customers/{customer-id}/carts/{cart-id}/checkout.",
      "Replaces the PowerShell cmdlet Submit-PartnerCustomerCart.",
      "",
      "Credentials come from environment variables, never from options, in this order:",
      "  PARTNER_CENTER_ACCESS_TOKEN (or the variable named by --token-env): a ready token;",
      "  PARTNER_CENTER_REFRESH_TOKEN: app+user (Secure Application Model);",
      "  PARTNER_CENTER_CERTIFICATE_PATH (+ _PASSWORD): app-only, PKCS#12 certificate;",
      "  PARTNER_CENTER_CLIENT_SECRET: app-only, client secret.",
      "All but the first also need PARTNER_CENTER_TENANT_ID and PARTNER_CENTER_CLIENT_ID;",
      "a refresh token needs a client secret or certificate too.",
      "",
      "Options marked * are required."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  COLUMNS                 the width of tables and of this help; without it, tables fit",
      "                          80 columns on a terminal and are not cut otherwise",
      "  PARTNER_CENTER_PROGRESS 1: a line per failed attempt and wait on standard error even",
      "                          when it is not a terminal; 0: never (as --quiet)"
    })
final class CheckoutCommand extends ClientCommand implements Callable<Integer> {
  @CommandLine.Mixin
  private IdOptions.Customer customerOption = new IdOptions.Customer();

  @CommandLine.Mixin
  private IdOptions.Cart cartOption = new IdOptions.Cart();

  @Option(
      names = "--customer-user-upn",
      paramLabel = "UPN",
      description = "Customer user to assign the licenses to (x-ms-customeruser-upn).")
  private String customerUserUpn;

  @Option(
      names = "--what-if",
      description = "Print the request that would be sent (token masked) and send nothing.")
  private boolean whatIf;

  @Option(
      names = "--confirm",
      description = "Print the request that would be sent and ask y/N before sending it; without"
          + " a terminal the answer is read from standard input.")
  private boolean confirm;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Every option is checked before the credentials are looked at, so that a typo is a usage
    // error (2) whatever the environment holds; nothing is sent before that.
    String customerId = customerOption.checked(this);
    String cartId = cartOption.checked(this);
    CheckoutParams params = setting(
        "--customer-user-upn",
        () -> CheckoutParams.builder().customerUserUpn(customerUserUpn).build());
    if (whatIf && confirm) {
      throw usage("--what-if and --confirm cannot be used together");
    }
    RequestOptions options = requestOptions(err);
    return withClient(whatIf, (client, o, e) -> {
      if (whatIf || confirm) {
        WhatIf.print(
            confirm ? err : out,
            this,
            "the checkout",
            client.carts().previewCheckout(customerId, cartId, params, options),
            confirm,
            null);
        if (whatIf) {
          return ExitCode.SUCCESS.code();
        }
        String answer = terminal.ask("Send this checkout? [y/N] ");
        if (answer == null) {
          throw usage("--confirm got no answer: run it in a terminal, or pipe the answer (y) into"
              + " standard input");
        }
        if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
          return ErrorReport.message(ExitCode.USAGE, "not confirmed: nothing was sent")
              .print(out, err, json());
        }
      }
      CartCheckoutResult result;
      try {
        result = call(() -> client.carts().checkoutAsync(customerId, cartId, params, options));
      } catch (CallFailed failed) {
        if (!alreadyCheckedOut(this, client, customerId, cartId, options, failed)) {
          throw failed;
        }
        printCheckedOutEarlier(this, out, customerId, cartId);
        return ExitCode.SUCCESS.code();
      }
      if (json()) {
        JsonOutput.printModel(out, CartCheckoutResult.class, result);
      } else {
        ResultTable.print(out, result, tableWidth());
        if (nothingBought(result)) {
          out.println();
          out.println("Not bought: every order group failed.");
        }
      }
      out.flush();
      return exitCode(result, false);
    });
  }

  /**
   * The exit code of a checkout's result: 8 when every order group failed (no order), 3 when
   * some did, 9 when bought but still pending at the wait's timeout, else 0.
   */
  static int exitCode(CartCheckoutResult result, boolean stillPending) {
    if (nothingBought(result)) {
      return ExitCode.NOT_BOUGHT.code();
    }
    if (!result.orderErrors().isEmpty()) {
      return ExitCode.PARTLY_BOUGHT.code();
    }
    return stillPending ? ExitCode.STILL_PENDING.code() : ExitCode.SUCCESS.code();
  }

  /** Whether a checkout created no order: every order group failed. */
  static boolean nothingBought(CartCheckoutResult result) {
    return result.orders().isEmpty() && !result.orderErrors().isEmpty();
  }

  /**
   * Whether a checkout failed because the cart was already checked out: Partner Center answered
   * 800065 (already submitted), and the cart's status is {@code Ordered}. Then it was bought, by an
   * earlier checkout whose orders Partner Center does not return again. False when the cart
   * cannot be read: the checkout's own failure is then what to report.
   */
  static boolean alreadyCheckedOut(
      ClientCommand command,
      PartnerCenterClient client,
      String customerId,
      String cartId,
      RequestOptions options,
      CallFailed failed) {
    if (!(failed.failure instanceof PartnerCenterException e
        && e.errorCode().orElse(0) == 800065)) {
      return false;
    }
    RequestOptions read = options.newBuilder().requestId(null).build();
    try {
      Cart cart = command.call(() -> client.carts().getAsync(customerId, cartId, read));
      return CartStatus.ORDERED.equals(cart.status());
    } catch (CallFailed unread) {
      // The cart's status is not known: the checkout's own failure says what is.
      return false;
    }
  }

  /** Says that the cart was bought earlier, and how to find its orders. */
  static void printCheckedOutEarlier(
      ClientCommand command, PrintWriter out, String customerId, String cartId) {
    if (command.json()) {
      JsonOutput.print(
          out,
          true,
          (json, moshi) -> json.beginObject()
              .name("cartId")
              .value(cartId)
              .name("checkedOutEarlier")
              .value(true)
              .name("orderListCommand")
              .value(Advice.listOrders(customerId))
              .endObject());
      return;
    }
    out.println("Bought: cart " + cartId + " was checked out earlier (Partner Center answered"
        + " 800065, and the cart's status is Ordered); its orders are not returned again: list"
        + " them with '" + Advice.listOrders(customerId)
        + "' (a new order takes up to 15 minutes to"
        + " show)");
    out.flush();
  }

  @Override
  String requestIdHelp() {
    return "MS-RequestId of the checkout. Default: a new one. The same ID checks the same cart"
        + " out again safely: Partner Center returns the first checkout's orders, it never buys"
        + " twice.";
  }

  @Override
  void describe(CommandLine.Model.CommandSpec spec) {
    super.describe(spec);
    redescribe(spec, IdOptions.Cart.OPTION, true, "The ID of the cart to check out.");
  }

  @Override
  String what() {
    return "the checkout of cart " + cartOption.value;
  }

  @Override
  boolean changes() {
    return true;
  }

  @Override
  String mayHaveSucceeded() {
    return Advice.checkoutMayHaveSucceeded(cartOption.value, "the next step", null);
  }
}
