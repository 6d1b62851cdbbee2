package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partner-center checkout}: checks out one cart and prints the orders. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    requiredOptionMarker = '*',
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
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success: every order group became an order",
      "1:internal error (a bug)",
      "2:usage error (bad option, ID not a GUID), or --confirm not answered yes; nothing was sent",
      "3:partial success: some order groups failed (order errors listed)",
      "4:authentication error: no or unusable credential, or Partner Center answered 401",
      "5:Partner Center answered with another error status (400, 403, 404, 409, 429, 5xx)",
      "6:network error, timeout, or a response that could not be decoded",
      "7:outcome unknown: the checkout may have succeeded; look the customer's orders up before"
          + " buying again (a re-run with the same --request-id is safe)",
      "130:interrupted (Ctrl-C); the MS-RequestId and attempts are printed"
    })
final class CheckoutCommand extends ClientCommand implements Callable<Integer> {
  @Option(
      names = "--customer-id",
      required = true,
      paramLabel = "GUID",
      description = "The customer's tenant ID (Microsoft ID).")
  private String customerId;

  @Option(
      names = "--cart-id",
      required = true,
      paramLabel = "GUID",
      description = "The ID of the cart to check out.")
  private String cartId;

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
    requireGuid("--customer-id", customerId);
    requireGuid("--cart-id", cartId);
    CheckoutParams params =
        setting("--customer-user-upn", () -> CheckoutParams.customerUserUpn(customerUserUpn));
    if (whatIf && confirm) {
      throw usage("--what-if and --confirm cannot be used together");
    }
    RequestOptions options = requestOptions(err);
    try (PartnerCenterClient client = client(whatIf, out, err)) {
      if (whatIf || confirm) {
        printWhatIf(
            confirm ? err : out,
            "the checkout",
            client.carts().previewCheckout(customerId, cartId, params, options),
            confirm);
        if (whatIf) {
          return ExitCodes.SUCCESS;
        }
        String answer = terminal.ask("Send this checkout? [y/N] ");
        if (answer == null) {
          throw usage("--confirm got no answer: run it in a terminal, or pipe the answer (y) into"
              + " standard input");
        }
        if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
          return fail(out, err, ExitCodes.USAGE, "not confirmed: nothing was sent", null);
        }
      }
      return checkout(client, params, options, out, err);
    } catch (Exit e) {
      return e.code;
    }
  }

  @Override
  String outcomeUnknownAdvice() {
    return "the checkout may have succeeded: look the customer's orders up before buying again";
  }

  private int checkout(
      PartnerCenterClient client,
      CheckoutParams params,
      RequestOptions options,
      PrintWriter out,
      PrintWriter err) {
    CartCheckoutResult result =
        await(client.carts().checkoutAsync(customerId, cartId, params, options), out, err);
    if (output == Output.json) {
      printJson(out, CartCheckoutResult.class, result);
    } else {
      ResultTable.print(out, result, tableWidth());
    }
    out.flush();
    return result.orderErrors().isEmpty() ? ExitCodes.SUCCESS : ExitCodes.PARTIAL_SUCCESS;
  }
}
