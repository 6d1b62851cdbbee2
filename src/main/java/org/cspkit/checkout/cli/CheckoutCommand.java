package org.cspkit.checkout.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import okhttp3.Request;
import org.cspkit.checkout.CheckoutClient;
import org.cspkit.checkout.CheckoutClientBuilder;
import org.cspkit.checkout.CheckoutOptions;
import org.cspkit.checkout.PartnerCenterCloud;
import org.cspkit.checkout.RetryOptions;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.TransportException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.internal.JsonSupport;
import org.cspkit.checkout.model.CartCheckoutResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pc-checkout checkout}: checks out one cart and prints the orders. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    description = {
      "Checks out a customer's cart: POST /v1/customers/{customer-id}/carts/{cart-id}/checkout.",
      "",
      "Credentials come from environment variables, never from options, in this order:",
      "  PARTNER_CENTER_ACCESS_TOKEN (or the variable named by --token-env): a ready token;",
      "  PARTNER_CENTER_REFRESH_TOKEN: app+user (Secure Application Model);",
      "  PARTNER_CENTER_CERTIFICATE_PATH (+ _PASSWORD): app-only, PKCS#12 certificate;",
      "  PARTNER_CENTER_CLIENT_SECRET: app-only, client secret.",
      "All but the first also need PARTNER_CENTER_TENANT_ID and PARTNER_CENTER_CLIENT_ID;",
      "a refresh token needs a client secret or certificate too."
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

  @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "global",
      description = "global, us-government or china (21Vianet): the Entra ID authority, the token"
          + " scope and the API host. Default: ${DEFAULT-VALUE}.")
  private String cloud;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Another API host, such as a mock server: http://127.0.0.1:4010.")
  private String baseUrl;

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

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
      description = "Most attempts, the first included; 1 turns retries off. Default: ${DEFAULT-VALUE}.")
  private int maxAttempts;

  @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = "120",
      description = "Limit on the whole checkout, retries included. Default: ${DEFAULT-VALUE}.")
  private long deadlineSeconds;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  private Output output;

  @Option(names = "--verbose",
      description = "Log one line per attempt (status, time, MS-RequestId) to standard error.")
  private boolean verbose;

  @Option(names = "--what-if",
      description = "Print the request that would be sent (token masked) and send nothing.")
  private boolean whatIf;

  private final Credentials credentials;

  CheckoutCommand(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      PartnerCenterCloud partnerCenterCloud = PartnerCenterCloud.fromName(cloud);
      Credentials.Choice credential;
      try {
        credential = credentials.choose(tokenVariable, partnerCenterCloud);
      } catch (Credentials.Unusable e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.AUTHENTICATION;
      }
      if (credential == null && !whatIf) {
        err.println("error: no credentials: " + Credentials.help());
        return ExitCodes.AUTHENTICATION;
      }
      CheckoutClient client = newClient(partnerCenterCloud, credential);
      CheckoutOptions options = CheckoutOptions.builder()
          .requestId(requestId)
          .correlationId(correlationId)
          .customerUserUpn(customerUserUpn)
          .build();
      if (whatIf) {
        printWhatIf(out, client.previewCheckout(customerId, cartId, options), credential);
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

  /** The client for the cloud (or URL); with no credential (what-if only) a source that fails. */
  private CheckoutClient newClient(PartnerCenterCloud partnerCenterCloud,
      Credentials.Choice credential) {
    CheckoutClientBuilder builder = CheckoutClient.builder()
        .cloud(partnerCenterCloud)
        .retryOptions(RetryOptions.builder().maxAttempts(maxAttempts)
            .deadline(Duration.ofSeconds(deadlineSeconds)).build())
        .locale(Locale.forLanguageTag(locale))
        .applicationName(applicationName);
    if (baseUrl != null) {
      builder.baseUrl(baseUrl);
    }
    if (credential != null) {
      builder.accessTokenSource(credential.source());
    } else {
      builder.accessTokenSource(() -> {
        throw new IllegalStateException("what-if sends nothing");
      });
    }
    return builder.build();
  }

  private static void printWhatIf(PrintWriter out, Request request, Credentials.Choice credential) {
    out.println("What if: the checkout would send this request (nothing was sent):");
    out.println();
    out.println(request.method() + " " + request.url());
    request.headers().forEach(header -> out.println(header.getFirst() + ": " + header.getSecond()));
    out.println("Content-Length: 0");
    out.println();
    if (credential != null) {
      out.println("Credential: " + credential.description());
    } else {
      out.println("Credential: none (" + Credentials.help() + "); a real checkout would stop"
          + " with exit code " + ExitCodes.AUTHENTICATION + ")");
    }
  }
}
