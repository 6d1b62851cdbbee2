package org.cspkit.partnercenter.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;

/**
 * What the command knows of where it runs: whether standard output and standard error are
 * terminals, how to ask the user a question ({@code --confirm}), and the checkout in flight, which
 * Ctrl-C (a shutdown hook in {@code main}) cancels through {@link #interrupt}.
 */
final class Terminal {
  private final boolean stdoutIsTerminal;
  private final boolean stderrIsTerminal;
  private final Function<String, String> ask;
  private final AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
  private final AtomicBoolean interrupted = new AtomicBoolean();

  /**
   * A terminal.
   *
   * @param stdoutIsTerminal whether standard output is a terminal (tables then fit 80 columns)
   * @param stderrIsTerminal whether standard error is a terminal (progress lines then show)
   * @param ask prints a prompt and returns the answer line, or null when there is none
   */
  Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, Function<String, String> ask) {
    this.stdoutIsTerminal = stdoutIsTerminal;
    this.stderrIsTerminal = stderrIsTerminal;
    this.ask = ask;
  }

  /** No terminal at all, and nothing to read an answer from: for embedding. */
  static Terminal none() {
    return new Terminal(false, false, prompt -> null);
  }

  /**
   * No terminal; answers are read from the given input, one line each, after the prompt is
   * printed to {@code err}.
   */
  static Terminal piped(InputStream in, Charset charset, PrintWriter err) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
    return new Terminal(false, false, prompt -> {
      err.print(prompt);
      err.flush();
      try {
        return reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A terminal answering from the given text, for tests. */
  static Terminal answering(String input, PrintWriter err) {
    return piped(
        new ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        java.nio.charset.StandardCharsets.UTF_8,
        err);
  }

  boolean stdoutIsTerminal() {
    return stdoutIsTerminal;
  }

  boolean stderrIsTerminal() {
    return stderrIsTerminal;
  }

  /** Prints the prompt and returns the answer, or null when there is none (end of input). */
  String ask(String prompt) {
    return ask.apply(prompt);
  }

  /** The checkout in flight, until {@link #finished} is called. */
  void started(CompletableFuture<?> checkout) {
    inFlight.set(checkout);
  }

  void finished() {
    inFlight.set(null);
  }

  /** Whether {@link #interrupt} cancelled the checkout (and printed what is known). */
  boolean interrupted() {
    return interrupted.get();
  }

  /**
   * Cancels the checkout in flight, if any, and prints what a safe re-run needs.
   *
   * @param err where to print
   * @return true if a checkout was cancelled
   */
  boolean interrupt(PrintWriter err) {
    CompletableFuture<?> checkout = inFlight.getAndSet(null);
    if (checkout == null) {
      return false;
    }
    // Set before the cancel wakes the command's thread, which then leaves the printing here.
    interrupted.set(true);
    if (!checkout.cancel(true)) {
      interrupted.set(false);
      return false;
    }
    Throwable failure = checkout.handle((result, thrown) -> thrown).join();
    if (failure instanceof CallCancelledException cancelled) {
      printCancelled(err, cancelled);
    } else if (failure instanceof CancellationException) {
      err.println("interrupted: the checkout was cancelled");
    }
    err.flush();
    return true;
  }

  /**
   * Prints a cancelled checkout's facts: its {@code MS-RequestId}, the attempts so far, whether it
   * may have succeeded, and how to re-run it safely.
   */
  static void printCancelled(PrintWriter err, CallCancelledException cancelled) {
    err.println(
        "interrupted: the checkout was cancelled after " + cancelled.attempts().size()
            + " finished attempt(s)"
            + (cancelled.cutOffInFlight() ? " and one cut off in flight" : ""));
    for (Attempt attempt : cancelled.attempts()) {
      err.println("  " + TerminalText.safe(attempt.toString()));
    }
    err.println("MS-RequestId: " + cancelled.requestId());
    err.println("MS-CorrelationId: " + cancelled.correlationId());
    if (cancelled.mayHaveSucceeded()) {
      err.println("the checkout may have succeeded: look the customer's orders up before buying"
          + " again, or re-run with --request-id " + cancelled.requestId());
    } else {
      err.println(
          "no order was created; to retry, re-run with --request-id " + cancelled.requestId());
    }
  }
}
