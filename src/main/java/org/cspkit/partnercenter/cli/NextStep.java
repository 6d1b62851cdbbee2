package org.cspkit.partnercenter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The next step the command line advises after a failure or an interrupt: a whole command to run
 * as printed, quoted for a POSIX shell. Advice that repeats a call keeps its {@code MS-RequestId},
 * so that running it cannot do the call twice; {@code purchase} advises {@code --resume}.
 */
final class NextStep {
  /** The command's name, as the distribution installs it. */
  static final String COMMAND = "partner-center";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private NextStep() {}

  /**
   * A command line of {@code partner-center} and these arguments, each quoted as needed.
   *
   * @param args the arguments after the command's name
   * @return the command line
   */
  static String command(List<String> args) {
    StringBuilder line = new StringBuilder(COMMAND);
    for (String arg : args) {
      line.append(' ').append(quoted(arg));
    }
    return line.toString();
  }

  /**
   * The command that was run, with {@code option value} set: replaced where it was given ({@code
   * --option value} or {@code --option=value}), added at the end otherwise. A {@code --base-url}
   * with a user name or password has it masked: the line never shows a secret.
   *
   * @param originalArgs the arguments the command was run with
   * @param option an option taking a value, such as {@code --request-id}, or null for none
   * @param value its value
   * @return the command line
   */
  static String rerun(List<String> originalArgs, String option, String value) {
    List<String> args = new ArrayList<>();
    boolean set = false;
    for (int i = 0; i < originalArgs.size(); i++) {
      String arg = originalArgs.get(i);
      if (option != null && arg.equals(option) && i + 1 < originalArgs.size()) {
        args.add(option);
        args.add(value);
        set = true;
        i++;
      } else if (option != null && arg.startsWith(option + "=")) {
        args.add(option + "=" + value);
        set = true;
      } else if (i > 0 && originalArgs.get(i - 1).equals("--base-url")) {
        args.add(Connection.maskUserInfo(arg));
      } else if (arg.startsWith("--base-url=")) {
        args.add("--base-url=" + Connection.maskUserInfo(arg.substring("--base-url=".length())));
      } else {
        args.add(arg);
      }
    }
    if (!set && option != null) {
      args.add(option);
      args.add(value);
    }
    return command(args);
  }

  /** The argument as the shell reads it back: as it is, or in single quotes. */
  static String quoted(String arg) {
    if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + TerminalText.safe(arg).replace("'", "'\\''") + "'";
  }
}
