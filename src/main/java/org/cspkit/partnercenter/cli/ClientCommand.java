package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.PartnerCenterClientBuilder;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.RequestChecks;
import org.cspkit.partnercenter.RequestOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What every command that calls Partner Center shares: the options of the connection, the
 * credentials, the request IDs, retries and output; the client they build; its calls, which a
 * stop (Ctrl-C) cancels; and one report of a failed or stopped call ({@link ErrorReport}), with
 * the next step to run. Each subclass adds the options of its operation, says what its call does
 * ({@link #what()}), and prints its result.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    requiredOptionMarker = '*')
abstract class ClientCommand {
  /** The default name of the environment variable holding the access token. */
  public static final String DEFAULT_TOKEN_VARIABLE = "PARTNER_CENTER_ACCESS_TOKEN";

  /** Ends a command with an exit code, after its report was printed. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  /** A call that failed or was stopped, not yet reported: {@link #report} prints it. */
  static final class CallFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Throwable failure;

    CallFailed(Throwable failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Its description is each command's own, {@link #requestIdHelp()}. */
  @CommandLine.Mixin
  Connection connection = new Connection();

  @Option(names = "--request-id", paramLabel = "GUID", description = "MS-RequestId to send.")
  String requestId;

  @Option(
      names = "--correlation-id",
      paramLabel = "GUID",
      description =
          "MS-CorrelationId to send (one for every call of the command). Default: a" + " new one.")
  String correlationId;

  @CommandLine.Mixin
  OutputOptions output = new OutputOptions();

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

  boolean json() {
    return output.json();
  }

  /** What {@code --request-id} means for this command, for its help. */
  String requestIdHelp() {
    return "MS-RequestId of the call. Default: a new one. A read changes nothing, so any ID"
        + " will do.";
  }

  /**
   * Tailors the help of the shared options to this command, once, when the command line is
   * built: by default what {@code --request-id} means for it ({@link #requestIdHelp()}).
   */
  void describe(CommandLine.Model.CommandSpec spec) {
    redescribe(spec, "--request-id", false, requestIdHelp());
  }

  /** Replaces a shared option's description, and whether it is required, in this command. */
  static void redescribe(
      CommandLine.Model.CommandSpec spec, String option, boolean required, String description) {
    CommandLine.Model.OptionSpec shared = spec.findOption(option);
    spec.remove(shared);
    spec.addOption(
        shared.toBuilder().required(required).description(description).build());
  }

  /** What the command's call does, for reports: "the checkout of cart …", "reading order …". */
  abstract String what();

  /** Whether the call changes something (a cart, an order): then it may have succeeded. */
  boolean changes() {
    return false;
  }

  /** What a stopped read means, for reports. */
  String stoppedRead() {
    return "nothing was changed (a read)";
  }

  /** What it means that the change may have succeeded, for reports. */
  String mayHaveSucceeded() {
    return what() + " may have succeeded";
  }

  /**
   * Runs {@code body} with a client (one that sends nothing with {@code whatIf}) and closes it. A
   * report already printed ({@link Exit}) ends it with its exit code; a failed call is reported
   * ({@link #report}).
   */
  int withClient(boolean whatIf, Body body) {
    PrintWriter out = out();
    PrintWriter err = err();
    try (PartnerCenterClient client = client(whatIf, out, err)) {
      return body.run(client, out, err);
    } catch (Exit e) {
      return e.code;
    } catch (CallFailed e) {
      return report(e.failure);
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
    if (json()) {
      JsonOutput.printModel(out, type, value);
    } else {
      table.print(out, value, tableWidth());
      out.flush();
    }
    return ExitCode.SUCCESS.code();
  }

  /**
   * Reads one result and prints it, as a table or as JSON: with this command's request options,
   * one call on a client (a stop cancels it; a refused argument is a usage error).
   *
   * @param type the result's model, for JSON
   * @param start starts the call (an {@code …Async} method) on the client with the options
   * @param table prints it as a table
   * @return the exit code
   */
  <T> int read(
      Class<T> type,
      BiFunction<PartnerCenterClient, RequestOptions, CompletableFuture<T>> start,
      TablePrinter<T> table) {
    RequestOptions options = requestOptions(err());
    return withClient(
        false, (client, out, err) -> show(type, call(() -> start.apply(client, options)), table));
  }

  /** One of {@link ResultTable}'s printers. */
  @FunctionalInterface
  interface TablePrinter<T> {
    void print(PrintWriter out, T value, int width);
  }

  /**
   * Starts a call unless a stop was requested, and waits for it; a stop (Ctrl-C) cancels it.
   *
   * @param start starts the call (an {@code …Async} method)
   * @return its result
   * @throws CallFailed when it failed, was cancelled, or was not started (after a stop, or when
   *     the library refused an argument before sending)
   */
  <T> T call(Supplier<CompletableFuture<T>> start) {
    CompletableFuture<T> future;
    try {
      future = terminal.start(start);
    } catch (Terminal.Stopped | IllegalArgumentException e) {
      // An argument the library refused before sending: a usage error, unless the command
      // makes it a note (a purchase's unusable order ID).
      throw new CallFailed(e);
    }
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      Throwable failure = future.handle((value, thrown) -> thrown).join();
      throw new CallFailed(
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure);
    } finally {
      terminal.finished(future);
    }
  }

  /**
   * Prints the report of a failed or stopped call and returns its exit code. A Partner Center
   * error, a cancellation and a stop are reported; anything else is a bug, thrown on.
   */
  int report(Throwable failure) {
    if (failure instanceof IllegalArgumentException e) {
      throw usage(optionMessage("argument", e.getMessage()));
    }
    ErrorReport report = ErrorReport.of(failure, what());
    // A read never may have succeeded: only a change gets that explanation.
    if (report.mayHaveSucceeded()) {
      report.explain(mayHaveSucceeded());
    } else if (report.interrupted()) {
      report.explain(changes() ? "nothing was changed" : stoppedRead());
    }
    if (report.interrupted() || report.mayHaveSucceeded()) {
      String sent = report.requestId();
      report.nextStep(
          changes() && sent != null
              ? NextStep.rerun(originalArgs(), "--request-id", sent)
              : NextStep.rerun(originalArgs(), null, null));
    }
    return report.print(out(), err(), json());
  }

  /** The arguments the command line was run with. */
  List<String> originalArgs() {
    return spec.root().commandLine().getParseResult().originalArgs();
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
      options.attemptListener(Progress.attemptLines(err));
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
        setting("--cloud", () -> PartnerCenterCloud.fromName(connection.cloud));
    PartnerCenterClientBuilder builder = connection.builder(this, partnerCenterCloud);
    try {
      credential = credentials.choose(connection.tokenVariable, partnerCenterCloud);
    } catch (Credentials.Unusable e) {
      throw new Exit(
          ErrorReport.message(ExitCode.AUTHENTICATION, e.getMessage()).print(out, err, json()));
    }
    if (credential == null && !whatIf) {
      throw new Exit(ErrorReport.message(
              ExitCode.AUTHENTICATION,
              "no credentials: " + Credentials.help(connection.tokenVariable))
          .print(out, err, json()));
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

  /** Whether progress lines are printed ({@link OutputOptions#progress}). */
  boolean progress() {
    return output.progress(environment, terminal);
  }

  /** The width tables fit: COLUMNS, else 80 on a terminal, else no limit (0). */
  int tableWidth() {
    Integer columns = PartnerCenterCli.columns(environment);
    if (columns != null) {
      return columns;
    }
    return terminal.stdoutIsTerminal() ? 80 : 0;
  }

  /**
   * The library's check of a GUID ({@link RequestChecks#requireGuid}); a usage error naming the
   * option when it fails.
   */
  UUID requireGuid(String option, String value) {
    try {
      return RequestChecks.requireGuid(value, option);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /**
   * The library's check of an opaque ID such as an order ID ({@link RequestChecks#requireId}); a
   * usage error naming the option when it fails.
   */
  String requireId(String option, String value) {
    try {
      return RequestChecks.requireId(value, option);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
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
