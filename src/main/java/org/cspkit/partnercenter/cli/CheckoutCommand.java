package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.PartnerCenterClientBuilder;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pc-checkout checkout}: checks out one cart and prints the orders. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    requiredOptionMarker = '*',
    description = {
      "Checks out a customer's cart: POST /v1/customers/{customer-id}/carts/{cart-id}/checkout.",
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
      "  PC_CHECKOUT_PROGRESS    1: a line per failed attempt and wait on standard error even",
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
public final class CheckoutCommand implements Callable<Integer> {
  /** The default name of the environment variable holding the access token. */
  public static final String DEFAULT_TOKEN_VARIABLE = "PARTNER_CENTER_ACCESS_TOKEN";

  /** The environment variable that turns progress lines on (1) or off (0). */
  static final String PROGRESS_VARIABLE = "PC_CHECKOUT_PROGRESS";

  private static final String GUID_EXAMPLE = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final long MAX_DEADLINE_SECONDS = Duration.ofDays(1).toSeconds();

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
      description = {"Another API host, such as a mock server:", "http://127.0.0.1:4010"})
  private String baseUrl;

  @Option(names = "--token-env", paramLabel = "NAME", defaultValue = DEFAULT_TOKEN_VARIABLE,
      description = "Environment variable holding the access token. Default: ${DEFAULT-VALUE}.")
  private String tokenVariable;

  @Option(names = "--locale", paramLabel = "TAG", defaultValue = "en-US",
      description = "X-Locale, such as de-DE. Default: ${DEFAULT-VALUE}.")
  private String locale;

  @Option(names = "--request-id", paramLabel = "GUID",
      description = "MS-RequestId to send (idempotency key); repeat it to re-run a checkout"
          + " safely. Default: a new one.")
  private String requestId;

  @Option(names = "--correlation-id", paramLabel = "GUID",
      description = "MS-CorrelationId to send. Default: a new one.")
  private String correlationId;

  @Option(names = "--customer-user-upn", paramLabel = "UPN",
      description = "Customer user to assign the licenses to (x-ms-customeruser-upn).")
  private String customerUserUpn;

  @Option(names = "--application-name", paramLabel = "NAME",
      description = "MS-PartnerCenter-Application to send.")
  private String applicationName;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
      description = "Most attempts, the first included, 1 to 100; 1 turns retries off."
          + " Default: ${DEFAULT-VALUE}.")
  private int maxAttempts;

  @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = "120",
      description = "Limit on the whole checkout, retries included, 1 to 86400."
          + " Default: ${DEFAULT-VALUE}.")
  private long deadlineSeconds;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (errors too are then one JSON object on standard output)."
          + " Default: ${DEFAULT-VALUE}.")
  private Output output;

  @Option(names = "--verbose",
      description = "Log one line per attempt (status, time, MS-RequestId) to standard error.")
  private boolean verbose;

  @Option(names = {"-q", "--quiet"},
      description = "No progress lines (by default one per failed attempt and wait, on standard"
          + " error when it is a terminal, or when PC_CHECKOUT_PROGRESS=1).")
  private boolean quiet;

  @Option(names = "--what-if",
      description = "Print the request that would be sent (token masked) and send nothing.")
  private boolean whatIf;

  @Option(names = "--confirm",
      description = "Print the request that would be sent and ask y/N before sending it; without"
          + " a terminal the answer is read from standard input.")
  private boolean confirm;

  private final Credentials credentials;
  private final Map<String, String> environment;
  private final Terminal terminal;

  CheckoutCommand(Credentials credentials, Map<String, String> environment, Terminal terminal) {
    this.credentials = credentials;
    this.environment = environment;
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Every option is checked before the credentials are looked at, so that a typo is a usage
    // error (2) whatever the environment holds; nothing is sent before that.
    requireGuid("--customer-id", customerId);
    requireGuid("--cart-id", cartId);
    PartnerCenterCloud partnerCenterCloud = setting("--cloud",
        () -> PartnerCenterCloud.fromName(cloud));
    PartnerCenterClientBuilder builder = newClientBuilder(partnerCenterCloud);
    RequestOptions.Builder optionsBuilder = RequestOptions.builder();
    if (requestId != null) {
      optionsBuilder.requestId(requireGuid("--request-id", requestId));
    }
    if (correlationId != null) {
      optionsBuilder.correlationId(requireGuid("--correlation-id", correlationId));
    }
    CheckoutParams params = setting("--customer-user-upn",
        () -> CheckoutParams.customerUserUpn(customerUserUpn));
    if (whatIf && confirm) {
      throw usage("--what-if and --confirm cannot be used together");
    }

    Credentials.Choice credential;
    try {
      credential = credentials.choose(tokenVariable, partnerCenterCloud);
    } catch (Credentials.Unusable e) {
      return fail(out, err, ExitCodes.AUTHENTICATION, e.getMessage(), null);
    }
    if (credential == null && !whatIf) {
      return fail(out, err, ExitCodes.AUTHENTICATION,
          "no credentials: " + Credentials.help(tokenVariable), null);
    }
    if (credential != null) {
      builder.accessTokenSource(credential.source());
    } else {
      builder.accessTokenSource(() -> {
        throw new IllegalStateException("what-if sends nothing");
      });
    }
    if (progress()) {
      optionsBuilder.attemptListener(progressLines(err));
    }
    RequestOptions options = optionsBuilder.build();
    try (PartnerCenterClient client = setting("--base-url", builder::build)) {
      if (whatIf || confirm) {
        printWhatIf(confirm ? err : out, client.carts().previewCheckout(customerId, cartId, params, options),
            credential, confirm);
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
    }
  }

  private int checkout(PartnerCenterClient client, CheckoutParams params, RequestOptions options,
      PrintWriter out, PrintWriter err) {
    CompletableFuture<CartCheckoutResult> future = client.carts().checkoutAsync(customerId, cartId,
        params, options);
    terminal.started(future);
    Throwable failure;
    CartCheckoutResult result = null;
    try {
      result = future.join();
      failure = null;
    } catch (CompletionException | CancellationException e) {
      failure = future.handle((value, thrown) -> thrown).join();
      if (failure instanceof CompletionException && failure.getCause() != null) {
        failure = failure.getCause();
      }
    } finally {
      terminal.finished();
    }
    if (failure instanceof CallCancelledException cancelled) {
      if (!terminal.interrupted()) {
        Terminal.printCancelled(err, cancelled);
        if (output == Output.json) {
          ErrorReport.print(out, ExitCodes.INTERRUPTED, cancelled.getMessage(), cancelled);
        }
      }
      return ExitCodes.INTERRUPTED;
    }
    if (failure instanceof PartnerCenterException e) {
      return fail(out, err, exitCode(e), e.getMessage(), e);
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    if (output == Output.json) {
      out.println(JsonSupport.newMoshi().adapter(CartCheckoutResult.class).indent("  ")
          .toJson(result));
    } else {
      ResultTable.print(out, result, tableWidth());
    }
    out.flush();
    return result.orderErrors().isEmpty() ? ExitCodes.SUCCESS : ExitCodes.PARTIAL_SUCCESS;
  }

  /** The exit code for a failure: an unknown outcome first, whatever the status. */
  static int exitCode(PartnerCenterException e) {
    if (e.mayHaveSucceeded()) {
      return ExitCodes.OUTCOME_UNKNOWN;
    }
    if (e instanceof AuthenticationException) {
      return ExitCodes.AUTHENTICATION;
    }
    if (e instanceof TransportException || e instanceof UndecodableResponseException) {
      return ExitCodes.NETWORK_ERROR;
    }
    return ExitCodes.SERVICE_ERROR;
  }

  /** Prints the error on stderr (and as JSON on stdout with -o json); returns the exit code. */
  private int fail(PrintWriter out, PrintWriter err, int exitCode, String message,
      PartnerCenterException failure) {
    err.println("error: " + TerminalText.safe(message));
    if (exitCode == ExitCodes.OUTCOME_UNKNOWN) {
      err.println("the checkout may have succeeded: look the customer's orders up before buying"
          + " again; a re-run with --request-id " + failure.requestId() + " is safe");
    }
    err.flush();
    if (output == Output.json) {
      ErrorReport.print(out, exitCode, message, failure);
    }
    return exitCode;
  }

  private boolean progress() {
    if (quiet) {
      return false;
    }
    String setting = environment.get(PROGRESS_VARIABLE);
    if (setting != null && !setting.isBlank()) {
      return !setting.strip().equals("0");
    }
    return terminal.stderrIsTerminal();
  }

  /** One line per failed attempt, with the wait before the next one. */
  static AttemptListener progressLines(PrintWriter err) {
    return (attempt, maxAttempts, retryIn) -> {
      err.println(TerminalText.safe("attempt " + attempt.number() + " of " + maxAttempts + ": "
          + attempt.outcome() + retryIn.map(wait -> "; retrying in " + seconds(wait))
              .orElse("")));
      err.flush();
    };
  }

  private static String seconds(Duration wait) {
    long millis = wait.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The width tables fit: COLUMNS, else 80 on a terminal, else no limit (0). */
  private int tableWidth() {
    Integer columns = PartnerCenterCli.columns(environment);
    if (columns != null) {
      return columns;
    }
    return terminal.stdoutIsTerminal() ? 80 : 0;
  }

  private PartnerCenterClientBuilder newClientBuilder(PartnerCenterCloud partnerCenterCloud) {
    if (deadlineSeconds < 1 || deadlineSeconds > MAX_DEADLINE_SECONDS) {
      throw usage("--deadline must be from 1 to " + MAX_DEADLINE_SECONDS + " seconds, got "
          + deadlineSeconds);
    }
    RetryOptions retryOptions = setting("--max-attempts", () -> RetryOptions.builder()
        .maxAttempts(maxAttempts).deadline(Duration.ofSeconds(deadlineSeconds)).build());
    PartnerCenterClientBuilder builder = PartnerCenterClient.builder()
        .cloud(partnerCenterCloud)
        .retryOptions(retryOptions);
    Locale xLocale = Locale.forLanguageTag(locale);
    setting("--locale", () -> builder.locale(xLocale));
    setting("--application-name", () -> builder.applicationName(applicationName));
    if (baseUrl != null) {
      try {
        builder.baseUrl(baseUrl);
      } catch (IllegalArgumentException e) {
        // The URL may carry a password (http://user:password@host/): never echo it.
        String message = String.valueOf(e.getMessage());
        throw usage(optionMessage("--base-url", message.replace(baseUrl, maskUserInfo(baseUrl))));
      }
    }
    return builder;
  }

  /** The URL with whatever stands between "://" and the last "@" before the path masked. */
  static String maskUserInfo(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int end = url.indexOf('/', start);
    int at = url.lastIndexOf('@', end < 0 ? url.length() - 1 : end);
    return at < start ? url : url.substring(0, start) + "****" + url.substring(at);
  }

  private java.util.UUID requireGuid(String option, String value) {
    if (value == null || !GUID.matcher(value).matches()) {
      throw usage(option + " must be a GUID such as " + GUID_EXAMPLE + ", got '" + value + "'");
    }
    return java.util.UUID.fromString(value);
  }

  /** Runs a library setter; the IllegalArgumentException it throws becomes a usage error. */
  private <T> T setting(String option, Supplier<T> setter) {
    try {
      return setter.get();
    } catch (IllegalArgumentException e) {
      throw usage(optionMessage(option, e.getMessage()));
    }
  }

  private static final Pattern JAVA_NAME = Pattern.compile("^([a-z][A-Za-z]*) (must .*)$",
      Pattern.DOTALL);

  /** "maxAttempts must be ..." becomes "--max-attempts must be ...". */
  static String optionMessage(String option, String message) {
    if (message == null) {
      return option + ": invalid value";
    }
    Matcher matcher = JAVA_NAME.matcher(message);
    if (matcher.matches()) {
      String name = matcher.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
      return "--" + name + " " + matcher.group(2);
    }
    return option + ": " + message;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private void printWhatIf(PrintWriter out, Request request, Credentials.Choice credential,
      boolean confirm) {
    out.println(confirm ? "The checkout will send this request:"
        : "What if: the checkout would send this request (nothing was sent):");
    out.println();
    out.println(request.method() + " " + request.url());
    request.headers().forEach(header -> out.println(
        TerminalText.safe(header.getFirst() + ": " + header.getSecond())));
    out.println("Content-Length: 0");
    out.println();
    if (credential != null) {
      out.println("Credential: " + credential.description());
    } else {
      out.println("Credential: none (" + Credentials.help(tokenVariable) + "); a real checkout"
          + " would stop"
          + " with exit code " + ExitCodes.AUTHENTICATION + ")");
    }
    out.flush();
  }
}
