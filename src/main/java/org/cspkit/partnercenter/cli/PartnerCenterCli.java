package org.cspkit.partnercenter.cli;

import com.microsoft.aad.msal4j.IHttpClient;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.cspkit.partnercenter.ClientVersion;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code partner-center} command line: one subcommand per Partner Center operation of the
 * purchase flow, each the Java counterpart of a PowerShell cmdlet, and {@code purchase}, the whole
 * flow. Run {@code java -jar partner-center-purchase-VERSION-cli.jar --help}.
 */
@Command(
    name = "partner-center",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    description = "Partner Center's purchase flow from the command line: carts, checkout, orders.",
    subcommands = {
      PurchaseCommand.class,
      CartCommand.class,
      CheckoutCommand.class,
      OrderCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class PartnerCenterCli implements Runnable {
  /** The environment variable that sets the width of tables and help, as shells export it. */
  static final String COLUMNS = "COLUMNS";

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw missingSubcommand(spec);
  }

  /**
   * The usage error of a command group run without a subcommand, naming its subcommands in their
   * order, such as "Missing subcommand: get, list or status".
   *
   * @param group the group's spec
   * @return the exception to throw
   */
  static CommandLine.ParameterException missingSubcommand(CommandLine.Model.CommandSpec group) {
    java.util.List<String> names = java.util.List.copyOf(group.subcommands().keySet()).stream()
        .filter(name -> !name.equals("help") && !name.equals("generate-completion"))
        .toList();
    String last = names.get(names.size() - 1);
    String list = names.size() == 1
        ? last
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
    return new CommandLine.ParameterException(group.commandLine(), "Missing subcommand: " + list);
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // The jar's SLF4J binding is slf4j-simple on stderr: warnings only, unless --verbose asks for
    // one line per attempt. Set before the first logger is created.
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // MSAL4J logs a failed token request at WARN with Entra ID's error text, which an authority
    // may have filled with an echo of the posted form. Its failures reach the user scrubbed, as
    // the AuthenticationException this command prints, so its own lines are not shown.
    System.setProperty("org.slf4j.simpleLogger.log.com.microsoft.aad.msal4j", "off");
    if (Arrays.asList(args).contains("--verbose")) {
      System.setProperty("org.slf4j.simpleLogger.log.org.cspkit.partnercenter", "debug");
    }
    // JSON and tables are UTF-8 whatever the locale: under LC_ALL=C (containers, cron) the
    // platform charset would turn "Zürich" into "Z?rich".
    PrintWriter out = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
        true);
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
        true);
    Console console = Consoles.terminal();
    // System.console() is there when standard input and output are a terminal; standard error
    // usually goes to the same one.
    Terminal terminal = console != null
        ? new Terminal(true, true, prompt -> console.readLine("%s", prompt))
        : Terminal.piped(
            System.in,
            Charset.defaultCharset(),
            err,
            // The launcher says whether standard error alone is a terminal.
            Boolean.getBoolean("partner-center.stderr-terminal"));
    // Ctrl-C and SIGTERM run this hook: it stops the command (no call starts any more, the one in
    // flight is cancelled) and waits for the command's report of what it stopped; the Java
    // runtime then exits with 130 or 143.
    Thread hook = new Thread(() -> terminal.interrupt(err), "partner-center-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    terminal.commandStarted();
    int exitCode;
    try {
      exitCode = newCommandLine(System.getenv(), out, err, null, terminal).execute(args);
    } finally {
      out.flush();
      err.flush();
      terminal.commandFinished();
    }
    System.exit(exitCode);
  }

  /**
   * The command line, wired to an environment and output streams; for embedding and tests (its
   * {@code execute} never calls {@code System.exit}).
   *
   * @param environment where the credentials are read from
   * @param out standard output
   * @param err standard error
   * @return the command line
   */
  public static CommandLine newCommandLine(
      Map<String, String> environment, PrintWriter out, PrintWriter err) {
    return newCommandLine(environment, out, err, null);
  }

  /**
   * The command line, as {@link #newCommandLine(Map, PrintWriter, PrintWriter)}, with the HTTP
   * client MSAL4J uses to reach Entra ID (for a proxy, or a fake in tests).
   *
   * @param environment where the credentials are read from
   * @param out standard output
   * @param err standard error
   * @param msalHttpClient MSAL4J's HTTP client, or null for the token sources' default
   * @return the command line
   */
  public static CommandLine newCommandLine(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      IHttpClient msalHttpClient) {
    return newCommandLine(environment, out, err, msalHttpClient, Terminal.none());
  }

  static CommandLine newCommandLine(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      IHttpClient msalHttpClient,
      Terminal terminal) {
    Credentials credentials = new Credentials(environment, msalHttpClient);
    CommandLine commandLine = new CommandLine(new PartnerCenterCli(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K created = CommandLine.defaultFactory().create(type);
        if (created instanceof ClientCommand command) {
          command.wire(credentials, environment, terminal);
        }
        return created;
      }
    });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    Integer columns = columns(environment);
    if (columns != null) {
      commandLine.setUsageHelpWidth(Math.max(55, columns));
    } else if (terminal.stdoutIsTerminal()) {
      commandLine.setUsageHelpAutoWidth(true);
    }
    commandLine.setParameterExceptionHandler(PartnerCenterCli::usageError);
    describe(commandLine);
    return commandLine;
  }

  /**
   * Gives every command the exit code table, and each command that calls Partner Center its own
   * meaning of {@code --request-id}.
   */
  private static void describe(CommandLine commandLine) {
    CommandLine.Model.CommandSpec spec = commandLine.getCommandSpec();
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
    if (spec.userObject() instanceof ClientCommand command) {
      command.describe(spec);
    }
    for (CommandLine subcommand : commandLine.getSubcommands().values()) {
      describe(subcommand);
    }
  }

  /** The width {@code COLUMNS} sets, or null when it is unset or not a positive number. */
  static Integer columns(Map<String, String> environment) {
    String value = environment.get(COLUMNS);
    if (value == null) {
      return null;
    }
    try {
      int columns = Integer.parseInt(value.trim());
      return columns > 0 ? columns : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A bad option: one error line and where to find help, not the whole usage text. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String message = "error: " + TerminalText.safe(e.getMessage());
    err.println(message);
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more"
        + " information.");
    err.flush();
    if (jsonRequested(args)) {
      ErrorReport.message(ExitCode.USAGE, e.getMessage()).printJson(commandLine.getOut());
    }
    return ExitCode.USAGE.code();
  }

  /** Whether the arguments ask for JSON output ({@code -o json}, {@code --output=json}, ...). */
  static boolean jsonRequested(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length) {
        if (args[i + 1].equalsIgnoreCase("json")) {
          return true;
        }
      } else if (arg.equalsIgnoreCase("--output=json")
          || arg.equalsIgnoreCase("-o=json")
          || arg.equalsIgnoreCase("-ojson")) {
        return true;
      }
    }
    return false;
  }

  /** Reports the library version written by the build, and the Java it runs on. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "partner-center " + ClientVersion.version() + " (" + ClientVersion.name() + ")",
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + ", " + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
