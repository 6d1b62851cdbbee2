package org.cspkit.partnercenter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Request;
import okio.Buffer;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.PartnerCenterClientBuilder;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.JsonSupport;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every command that calls Partner Center shares: the options of the connection, the
 * credentials, the request IDs, retries and output; the client they build; one mapping of a
 * failure to an exit code and an error report; progress lines; and Ctrl-C. Each subclass adds the
 * options of its operation and prints its result.
 */
abstract class ClientCommand {
  /** The default name of the environment variable holding the access token. */
  public static final String DEFAULT_TOKEN_VARIABLE = "PARTNER_CENTER_ACCESS_TOKEN";

  /** The environment variable that turns progress lines on (1) or off (0). */
  static final String PROGRESS_VARIABLE = "PARTNER_CENTER_PROGRESS";

  static final String GUID_EXAMPLE = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final long MAX_DEADLINE_SECONDS = Duration.ofDays(1).toSeconds();

  /** How the result is printed. */
  enum Output {
    table,
    json
  }

  /** Ends a command with an exit code, after its report was printed. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cloud",
      paramLabel = "CLOUD",
      defaultValue = "global",
      description = "global, us-government or china (21Vianet): the Entra ID authority, the token"
          + " scope and the API host. Default: ${DEFAULT-VALUE}.")
  String cloud;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = {"Another API host, such as a mock server:", "http://127.0.0.1:4010"})
  String baseUrl;

  @Option(
      names = "--token-env",
      paramLabel = "NAME",
      defaultValue = DEFAULT_TOKEN_VARIABLE,
      description = "Environment variable holding the access token. Default: ${DEFAULT-VALUE}.")
  String tokenVariable;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      defaultValue = "en-US",
      description = "X-Locale, such as de-DE. Default: ${DEFAULT-VALUE}.")
  String locale;

  @Option(
      names = "--request-id",
      paramLabel = "GUID",
      description = "MS-RequestId to send (idempotency key); repeat it to re-run a call"
          + " safely. Default: a new one.")
  String requestId;

  @Option(
      names = "--correlation-id",
      paramLabel = "GUID",
      description = "MS-CorrelationId to send. Default: a new one.")
  String correlationId;

  @Option(
      names = "--application-name",
      paramLabel = "NAME",
      description = "MS-PartnerCenter-Application to send.")
  String applicationName;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "4",
      description = "Most attempts, the first included, 1 to 100; 1 turns retries off."
          + " Default: ${DEFAULT-VALUE}.")
  int maxAttempts;

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description =
          "Limit on each call, retries included, 1 to 86400." + " Default: ${DEFAULT-VALUE}.")
  long deadlineSeconds;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (errors too are then one JSON object on standard output)."
          + " Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(
      names = "--verbose",
      description = "Log one line per attempt (status, time, MS-RequestId) to standard error.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines (by default one per failed attempt and wait, on standard"
          + " error when it is a terminal, or when PARTNER_CENTER_PROGRESS=1).")
  boolean quiet;

  Credentials credentials;
  Map<String, String> environment;
  Terminal terminal;
  /** The credential {@link #client} chose, or null when there is none (what-if). */
  Credentials.Choice credential;

  /** Gives the command what it reads besides its options; the command line's factory calls it. */
  void wire(Credentials credentials, Map<String, String> environment, Terminal terminal) {
    this.credentials = credentials;
    this.environment = environment;
    this.terminal = terminal;
  }

  /** The work of a command, given its client and output streams; returns the exit code. */
  @FunctionalInterface
  interface Body {
    int run(PartnerCenterClient client, PrintWriter out, PrintWriter err);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * Runs {@code body} with a client (one that sends nothing with {@code whatIf}) and closes it;
   * a report already printed ({@link Exit}) ends it with its exit code.
   */
  int withClient(boolean whatIf, Body body) {
    PrintWriter out = out();
    PrintWriter err = err();
    try (PartnerCenterClient client = client(whatIf, out, err)) {
      return body.run(client, out, err);
    } catch (Exit e) {
      return e.code;
    }
  }

  /**
   * Prints a result as JSON or with its table printer, and returns success.
   *
   * @param type the model's class, for JSON
   * @param value the model
   * @param table prints the model as a table
   */
  <T> int show(Class<T> type, T value, TablePrinter<T> table) {
    PrintWriter out = out();
    if (output == Output.json) {
      printJson(out, type, value);
    } else {
      table.print(out, value, tableWidth());
      out.flush();
    }
    return ExitCodes.SUCCESS;
  }

  /** One of {@link ResultTable}'s printers. */
  @FunctionalInterface
  interface TablePrinter<T> {
    void print(PrintWriter out, T value, int width);
  }

  /** What to do when the outcome is unknown (exit code 7), for the error report. */
  String outcomeUnknownAdvice() {
    return "the call may have succeeded: read the cart or the customer's orders before sending it"
        + " again";
  }

  /** The per-call options: request and correlation IDs, and progress lines. */
  RequestOptions requestOptions(PrintWriter err) {
    RequestOptions.Builder options = RequestOptions.builder();
    if (requestId != null) {
      options.requestId(requireGuid("--request-id", requestId));
    }
    if (correlationId != null) {
      options.correlationId(requireGuid("--correlation-id", correlationId));
    }
    if (progress()) {
      options.attemptListener(progressLines(err));
    }
    return options.build();
  }

  /**
   * The client, with the credentials of the environment; with {@code whatIf}, one that needs
   * none and must send nothing. Prints the report and throws {@link Exit} when there is no usable
   * credential.
   */
  PartnerCenterClient client(boolean whatIf, PrintWriter out, PrintWriter err) {
    PartnerCenterCloud partnerCenterCloud =
        setting("--cloud", () -> PartnerCenterCloud.fromName(cloud));
    PartnerCenterClientBuilder builder = newClientBuilder(partnerCenterCloud);
    try {
      credential = credentials.choose(tokenVariable, partnerCenterCloud);
    } catch (Credentials.Unusable e) {
      throw new Exit(fail(out, err, ExitCodes.AUTHENTICATION, e.getMessage(), null));
    }
    if (credential == null && !whatIf) {
      throw new Exit(fail(
          out,
          err,
          ExitCodes.AUTHENTICATION,
          "no credentials: " + Credentials.help(tokenVariable),
          null));
    }
    if (credential != null && !whatIf) {
      builder.accessTokenSource(credential.source());
    } else {
      builder.accessTokenSource(() -> {
        throw new IllegalStateException("what-if sends nothing");
      });
    }
    return setting("--base-url", builder::build);
  }

  /**
   * Waits for a call, with Ctrl-C cancelling it. Returns its result; prints the report and throws
   * {@link Exit} when it failed or was cancelled.
   */
  <T> T await(CompletableFuture<T> future, PrintWriter out, PrintWriter err) {
    Throwable failure = waitFor(future);
    if (failure == null) {
      return future.join();
    }
    throw report(failure, out, err);
  }

  /**
   * Waits for a call whose failure does not end the command: returns its result, or null after
   * printing a note naming {@code what} and the Partner Center failure. A cancel (Ctrl-C) still
   * ends the command, as in {@link #await}.
   */
  <T> T awaitOrNote(CompletableFuture<T> future, PrintWriter out, PrintWriter err, String what) {
    Throwable failure = waitFor(future);
    if (failure == null) {
      return future.join();
    }
    if (failure instanceof PartnerCenterException e) {
      err.println("note: " + what + " failed: " + TerminalText.safe(e.getMessage()));
      err.flush();
      return null;
    }
    throw report(failure, out, err);
  }

  /** Waits for a call, Ctrl-C cancelling it; returns null on success, else its failure. */
  private Throwable waitFor(CompletableFuture<?> future) {
    terminal.started(future);
    try {
      future.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      Throwable failure = future.handle((value, thrown) -> thrown).join();
      return failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
    } finally {
      terminal.finished();
    }
  }

  /** Prints the report of a failed or cancelled call; returns the {@link Exit} to throw. */
  private Exit report(Throwable failure, PrintWriter out, PrintWriter err) {
    if (failure instanceof CallCancelledException cancelled) {
      if (!terminal.interrupted()) {
        Terminal.printCancelled(err, cancelled);
        if (output == Output.json) {
          ErrorReport.print(out, ExitCodes.INTERRUPTED, cancelled.getMessage(), cancelled);
        }
      }
      return new Exit(ExitCodes.INTERRUPTED);
    }
    if (failure instanceof PartnerCenterException e) {
      return new Exit(fail(out, err, exitCode(e), e.getMessage(), e));
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw new IllegalStateException(failure);
  }

  /**
   * Prints a request that would be sent (token masked), with its body, and the credential that
   * would be used. {@code what} names the call, such as "the checkout".
   */
  void printWhatIf(PrintWriter out, String what, Request request, boolean confirm) {
    out.println(
        confirm
            ? capitalized(what) + " will send this request:"
            : "What if: " + what + " would send this request (nothing was sent):");
    out.println();
    out.println(request.method() + " " + request.url());
    request
        .headers()
        .forEach(header ->
            out.println(TerminalText.safe(header.getFirst() + ": " + header.getSecond())));
    Buffer body = new Buffer();
    try {
      if (request.body() != null) {
        request.body().writeTo(body);
        MediaType type = request.body().contentType();
        if (type != null) {
          out.println("Content-Type: " + type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Content-Length: " + body.size());
    out.println();
    if (body.size() > 0) {
      out.println(TerminalText.safe(body.readUtf8()));
      out.println();
    }
    if (credential != null) {
      out.println("Credential: " + credential.description());
    } else {
      out.println("Credential: none (" + Credentials.help(tokenVariable) + "); a real call"
          + " would stop with exit code " + ExitCodes.AUTHENTICATION + ")");
    }
    out.flush();
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** Prints a model as indented JSON, as the library decodes it. */
  static <T> void printJson(PrintWriter out, Class<T> type, T value) {
    out.println(JsonSupport.newMoshi().adapter(type).indent("  ").toJson(value));
    out.flush();
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
  int fail(
      PrintWriter out,
      PrintWriter err,
      int exitCode,
      String message,
      PartnerCenterException failure) {
    err.println("error: " + TerminalText.safe(message));
    if (exitCode == ExitCodes.OUTCOME_UNKNOWN) {
      err.println(outcomeUnknownAdvice() + "; a re-run with --request-id " + failure.requestId()
          + " is safe");
    }
    err.flush();
    if (output == Output.json) {
      ErrorReport.print(out, exitCode, message, failure);
    }
    return exitCode;
  }

  boolean progress() {
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
          + attempt.outcome()
          + retryIn.map(wait -> "; retrying in " + seconds(wait)).orElse("")));
      err.flush();
    };
  }

  static String seconds(Duration wait) {
    long millis = wait.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The width tables fit: COLUMNS, else 80 on a terminal, else no limit (0). */
  int tableWidth() {
    Integer columns = PartnerCenterCli.columns(environment);
    if (columns != null) {
      return columns;
    }
    return terminal.stdoutIsTerminal() ? 80 : 0;
  }

  PartnerCenterClientBuilder newClientBuilder(PartnerCenterCloud partnerCenterCloud) {
    if (deadlineSeconds < 1 || deadlineSeconds > MAX_DEADLINE_SECONDS) {
      throw usage("--deadline must be from 1 to " + MAX_DEADLINE_SECONDS + " seconds, got "
          + deadlineSeconds);
    }
    RetryOptions retryOptions = setting(
        "--max-attempts",
        () -> RetryOptions.builder()
            .maxAttempts(maxAttempts)
            .deadline(Duration.ofSeconds(deadlineSeconds))
            .build());
    PartnerCenterClientBuilder builder =
        PartnerCenterClient.builder().cloud(partnerCenterCloud).retryOptions(retryOptions);
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

  java.util.UUID requireGuid(String option, String value) {
    if (value == null || !GUID.matcher(value).matches()) {
      throw usage(option + " must be a GUID such as " + GUID_EXAMPLE + ", got '" + value + "'");
    }
    return java.util.UUID.fromString(value);
  }

  /** Runs a library setter; the IllegalArgumentException it throws becomes a usage error. */
  <T> T setting(String option, Supplier<T> setter) {
    try {
      return setter.get();
    } catch (IllegalArgumentException e) {
      throw usage(optionMessage(option, e.getMessage()));
    }
  }

  static final Pattern JAVA_NAME = Pattern.compile("^([a-z][A-Za-z]*) (must .*)$", Pattern.DOTALL);

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

  CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
