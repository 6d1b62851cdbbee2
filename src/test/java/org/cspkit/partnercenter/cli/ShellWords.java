package org.cspkit.partnercenter.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The words a POSIX shell makes of a command line, as {@code sh} itself splits it. */
final class ShellWords {
  private ShellWords() {}

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
