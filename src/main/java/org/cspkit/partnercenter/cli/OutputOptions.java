package org.cspkit.partnercenter.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of what a command prints, shared by every command that calls Partner Center (a
 * picocli mixin): the format of the result and of errors, the log line per attempt, and the
 * progress lines.
 */
final class OutputOptions {
  /** The environment variable that turns progress lines on (1) or off (0). */
  static final String PROGRESS_VARIABLE = "PARTNER_CENTER_PROGRESS";

  /** How the result is printed. */
  enum Format {
    table,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      completionCandidates = Completions.Outputs.class,
      description = "table or json (errors too are then one JSON object on standard output)."
          + " Default: ${DEFAULT-VALUE}.")
  Format format;

  // Read by PartnerCenterCli.main before the command line is parsed; declared for help and
  // parsing.
  @Option(
      names = "--verbose",
      description = "Log one line per attempt (status, time, MS-RequestId) to standard error.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines (by default, on standard error when it is a terminal or"
          + " PARTNER_CENTER_PROGRESS=1: one per failed attempt and wait, and while --wait polls).")
  boolean quiet;

  /** Whether results and errors are printed as JSON. */
  boolean json() {
    return format == Format.json;
  }

  /**
   * Whether progress lines are printed: not with {@code --quiet}; else as {@value
   * #PROGRESS_VARIABLE} says (0 is off, anything else on); else when standard error is a
   * terminal.
   */
  boolean progress(Map<String, String> environment, Terminal terminal) {
    if (quiet) {
      return false;
    }
    String setting = environment.get(PROGRESS_VARIABLE);
    if (setting != null && !setting.isBlank()) {
      return !setting.strip().equals("0");
    }
    return terminal.stderrIsTerminal();
  }
}
