package org.cspkit.partnercenter.cli;

import java.io.Console;

/** The JVM's console, when it is a terminal, on every Java version the command line runs on. */
final class Consoles {
  private Consoles() {}

  /**
   * The console when standard input and output are a terminal, else null. Up to Java 21 that is
   * {@link System#console()}; from Java 22 on, it may also return a console for redirected
   * streams, which {@code Console.isTerminal()} (Java 22) tells apart.
   */
  @SuppressWarnings("SystemConsoleNull") // what the check asks for: isTerminal() from Java 22 on
  static Console terminal() {
    Console console = System.console();
    if (console == null || Runtime.version().feature() < 22) {
      return console;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("Console.isTerminal() on Java " + Runtime.version(), e);
    }
  }
}
