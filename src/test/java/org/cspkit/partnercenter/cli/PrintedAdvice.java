package org.cspkit.partnercenter.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The advice a command printed, to run as printed: its last {@code next step:} line, and the
 * words a POSIX shell makes of it, as {@code sh} itself splits them.
 */
final class PrintedAdvice {
  private PrintedAdvice() {}

  /**
   * The command of the last {@code next step:} line of standard error.
   *
   * @param stderr what the command printed on standard error
   * @return the command, or null when there is none
   */
  static String nextStep(String stderr) {
    return stderr
        .lines()
        .filter(line -> line.startsWith("next step: "))
        .reduce((first, last) -> last)
        .map(line -> line.substring("next step: ".length()))
        .orElse(null);
  }

  /**
   * Splits a command line as printed: {@code sh} evaluates it as the arguments of {@code set}
   * (nothing is run) and prints each word, NUL-terminated.
   *
   * @param line the command line
   * @return its words
   */
  static List<String> split(String line) throws Exception {
    Process sh = new ProcessBuilder(
            "sh", "-c", "eval \"set -- $1\" && printf '%s\\0' \"$@\"", "sh", line)
        .redirectErrorStream(true)
        .start();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sh.getInputStream().transferTo(bytes);
    if (!sh.waitFor(30, TimeUnit.SECONDS) || sh.exitValue() != 0) {
      throw new IllegalStateException("sh could not read: " + line + "\n" + bytes);
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char c : bytes.toString(StandardCharsets.UTF_8).toCharArray()) {
      if (c == 0) {
        words.add(word.toString());
        word.setLength(0);
      } else {
        word.append(c);
      }
    }
    return words;
  }
}
