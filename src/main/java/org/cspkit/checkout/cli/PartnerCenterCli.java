package org.cspkit.checkout.cli;

import com.microsoft.aad.msal4j.IHttpClient;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import org.cspkit.checkout.internal.LibraryVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pc-checkout} command line, the Java counterpart of PowerShell's {@code
 * Submit-PartnerCustomerCart}. Run {@code java -jar partner-center-checkout-VERSION-cli.jar
 * checkout --help}.
 */
@Command(
    name = "pc-checkout",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    description = "Partner Center cart checkout from the command line.",
    subcommands = {CheckoutCommand.class})
public final class PartnerCenterCli implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: checkout");
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
      System.setProperty("org.slf4j.simpleLogger.log.org.cspkit.checkout", "debug");
    }
    System.exit(newCommandLine(System.getenv(), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true)).execute(args));
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
   * @param msalHttpClient MSAL4J's HTTP client, or null for MSAL4J's own
   * @return the command line
   */
  public static CommandLine newCommandLine(Map<String, String> environment, PrintWriter out,
      PrintWriter err, IHttpClient msalHttpClient) {
    Credentials credentials = new Credentials(environment, msalHttpClient);
    CommandLine commandLine = new CommandLine(new PartnerCenterCli(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == CheckoutCommand.class) {
          return type.cast(new CheckoutCommand(credentials));
        }
        return CommandLine.defaultFactory().create(type);
      }
    });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /** Reports the library version written by the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {LibraryVersion.CLIENT_HEADER};
    }
  }
}
