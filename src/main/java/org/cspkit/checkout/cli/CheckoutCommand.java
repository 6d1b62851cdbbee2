package org.cspkit.checkout.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import okhttp3.Request;
import org.cspkit.checkout.CheckoutClient;
import org.cspkit.checkout.CheckoutClientBuilder;
import org.cspkit.checkout.CheckoutOptions;
import org.cspkit.checkout.PartnerCenterCloud;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.TransportException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.internal.JsonSupport;
import org.cspkit.checkout.model.CartCheckoutResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pc-checkout checkout}: checks out one cart and prints the orders. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    description = {
      "Checks out a customer's cart: POST /v1/customers/{customer-id}/carts/{cart-id}/checkout.",
      "The access token is read from the environment variable named by --token-env"
          + " (default PARTNER_CENTER_ACCESS_TOKEN), never from an option."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success: every order group became an order",
      "1:internal error (a bug)",
      "2:usage error (bad option, ID not a GUID); nothing was sent",
      "3:partial success: some order groups failed (order errors listed)",
      "4:authentication error: no token, or Partner Center answered 401",
      "5:Partner Center answered with another error status (400, 403, 404, 409, 429, 5xx)",
      "6:network error, timeout, or a response that could not be decoded"
    })
public final class CheckoutCommand implements Callable<Integer> {
  /** The default name of the environment variable holding the access token. */
  public static final String DEFAULT_TOKEN_VARIABLE = "PARTNER_CENTER_ACCESS_TOKEN";

  /** How the result is printed. */
  enum Output { table, json }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--customer-id", required = true, paramLabel = "GUID",
      description = "The customer's tenant ID (Microsoft ID).")
  private String customerId;

  @Option(names = "--cart-id", required = true, paramLabel = "GUID",
      description = "The ID of the cart to check out.")
  private String cartId;

  @ArgGroup(exclusive = true)
  private Target target = new Target();

  static final class Target {
    @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "global",
        description = "global, us-government or china (21Vianet). Default: ${DEFAULT-VALUE}.")
    String cloud = "global";

    @Option(names = "--base-url", paramLabel = "URL",
        description = "Another API host, such as a mock server: http://127.0.0.1:4010.")
    String baseUrl;
  }

  @Option(names = "--token-env", paramLabel = "NAME", defaultValue = DEFAULT_TOKEN_VARIABLE,
      description = "Environment variable holding the access token. Default: ${DEFAULT-VALUE}.")
  private String tokenVariable;

  @Option(names = "--locale", paramLabel = "TAG", defaultValue = "en-US",
      description = "X-Locale, such as de-DE. Default: ${DEFAULT-VALUE}.")
  private String locale;

  @Option(names = "--request-id", paramLabel = "GUID",
      description = "MS-RequestId to send (idempotency key). Default: a new one.")
  private UUID requestId;

  @Option(names = "--correlation-id", paramLabel = "GUID",
      description = "MS-CorrelationId to send. Default: a new one.")
  private UUID correlationId;

  @Option(names = "--customer-user-upn", paramLabel = "UPN",
      description = "Customer user to assign the licenses to (x-ms-customeruser-upn).")
  private String customerUserUpn;

  @Option(names = "--application-name", paramLabel = "NAME",
      description = "MS-PartnerCenter-Application to send.")
  private String applicationName;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  private Output output;

  @Option(names = "--what-if",
      description = "Print the request that would be sent (token masked) and send nothing.")
  private boolean whatIf;

  private final Map<String, String> environment;

  CheckoutCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String token = environment.get(tokenVariable);
    boolean hasToken = token != null && !token.isBlank();
    if (!hasToken && !whatIf) {
      err.println("error: no access token: set the environment variable " + tokenVariable
          + " to a Partner Center access token");
      return ExitCodes.AUTHENTICATION;
    }
    try {
      CheckoutClient client = newClient(hasToken ? token.trim() : null);
      CheckoutOptions options = CheckoutOptions.builder()
          .requestId(requestId)
          .correlationId(correlationId)
          .customerUserUpn(customerUserUpn)
          .build();
      if (whatIf) {
        printWhatIf(out, client.previewCheckout(customerId, cartId, options), hasToken);
        return ExitCodes.SUCCESS;
      }
      CartCheckoutResult result = client.checkout(customerId, cartId, options);
      if (output == Output.json) {
        out.println(JsonSupport.newMoshi().adapter(CartCheckoutResult.class).indent("  ")
            .toJson(result));
      } else {
        ResultTable.print(out, result);
      }
      return result.orderErrors().isEmpty() ? ExitCodes.SUCCESS : ExitCodes.PARTIAL_SUCCESS;
    } catch (IllegalArgumentException e) {
      // Raised by validation before anything is sent: a bad option value.
      err.println("error: " + e.getMessage());
      spec.commandLine().usage(err);
      return ExitCodes.USAGE;
    } catch (AuthenticationException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.AUTHENTICATION;
    } catch (TransportException | UndecodableResponseException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.NETWORK_ERROR;
    } catch (PartnerCenterException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.SERVICE_ERROR;
    }
  }

  /** The client for the chosen cloud or URL; with no token (what-if only) a source that fails. */
  private CheckoutClient newClient(String token) {
    CheckoutClientBuilder builder = CheckoutClient.builder()
        .locale(Locale.forLanguageTag(locale))
        .applicationName(applicationName);
    if (target.baseUrl != null) {
      builder.baseUrl(target.baseUrl);
    } else {
      builder.cloud(PartnerCenterCloud.fromName(target.cloud));
    }
    if (token != null) {
      builder.accessToken(token);
    } else {
      builder.accessTokenSource(() -> {
        throw new IllegalStateException("what-if sends nothing");
      });
    }
    return builder.build();
  }

  private static void printWhatIf(PrintWriter out, Request request, boolean hasToken) {
    out.println("What if: the checkout would send this request (nothing was sent):");
    out.println();
    out.println(request.method() + " " + request.url());
    request.headers().forEach(header -> out.println(header.getFirst() + ": " + header.getSecond()));
    out.println("Content-Length: 0");
    if (!hasToken) {
      out.println();
      out.println("(no access token is set: a real checkout would stop with exit code "
          + ExitCodes.AUTHENTICATION + ")");
    }
  }
}
