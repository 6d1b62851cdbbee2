package org.cspkit.partnercenter.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the command knows of where it runs: whether standard output and standard error are
 * terminals, how to ask the user a question ({@code --confirm}), and the stop requested by Ctrl-C
 * or SIGTERM (a shutdown hook in {@code main} calls {@link #interrupt}).
 *
 * <p>A stop and the start of a call exclude each other: a call {@link #start started} before the
 * stop is cancelled by it; one asked for after the stop is never sent ({@link Stopped}). The
 * command, woken by the cancellation, prints what the step in flight may have done and the next
 * step; the hook waits for it before the Java runtime exits. Thread-safe.
 */
final class Terminal {
  /** How long the shutdown hook waits for the command to print what it stopped. */
  private static final long REPORT_WAIT_SECONDS = 10;

  /** A call asked for after a stop was requested: it was not sent. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("stopped before the request was sent", null, false, false);
    }
  }

  private final boolean stdoutIsTerminal;
  private final boolean stderrIsTerminal;
  private final Function<String, String> ask;
  private final Object lock = new Object();
  private final CountDownLatch commandDone = new CountDownLatch(1);

  // Guarded by lock.
  private CompletableFuture<?> inFlight;
  private boolean interrupted;
  private boolean commandRunning;
  private boolean awaitingInput;

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
   * Standard input and output are not both a terminal; answers are read from the given input,
   * one line each, after the prompt is printed to {@code err}.
   *
   * @param stderrIsTerminal whether standard error is a terminal all the same
   */
  static Terminal piped(
      InputStream in, Charset charset, PrintWriter err, boolean stderrIsTerminal) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
    return new Terminal(false, stderrIsTerminal, prompt -> {
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
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8,
        err,
        false);
  }

  boolean stdoutIsTerminal() {
    return stdoutIsTerminal;
  }

  boolean stderrIsTerminal() {
    return stderrIsTerminal;
  }

  /** Prints the prompt and returns the answer, or null when there is none (end of input). */
  String ask(String prompt) {
    synchronized (lock) {
      awaitingInput = true;
    }
    try {
      return ask.apply(prompt);
    } finally {
      synchronized (lock) {
        awaitingInput = false;
      }
    }
  }

  /**
   * Starts a call unless a stop was requested, and keeps it as the call in flight until {@link
   * #finished}.
   *
   * @param call starts the call (an {@code …Async} method), without blocking
   * @return the call's future
   * @throws Stopped if a stop was requested: the call was not started
   */
  <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> call) {
    synchronized (lock) {
      if (interrupted) {
        throw new Stopped();
      }
      CompletableFuture<T> future = call.get();
      inFlight = future;
      return future;
    }
  }

  /** The call is over: a stop no longer cancels it. */
  void finished(CompletableFuture<?> call) {
    synchronized (lock) {
      if (inFlight == call) {
        inFlight = null;
      }
    }
  }

  /**
   * Ends a step that sends nothing (a journal write, printing) with {@link Stopped} when a stop
   * was requested, so that the next step is not started.
   */
  void checkNotStopped() {
    synchronized (lock) {
      if (interrupted) {
        throw new Stopped();
      }
    }
  }

  /** {@code main} runs a command: a stop waits for its report. */
  void commandStarted() {
    synchronized (lock) {
      commandRunning = true;
    }
  }

  /** The command has printed everything and returned its exit code. */
  void commandFinished() {
    synchronized (lock) {
      commandRunning = false;
    }
    commandDone.countDown();
  }

  /**
   * Requests the stop (Ctrl-C, SIGTERM): no call starts from now on, the call in flight is
   * cancelled, and the command prints what it stopped. Waits up to 10 seconds for that report,
   * unless the command waits for an answer on standard input (then this prints that nothing was
   * sent).
   *
   * @param err where to print when the command cannot
   */
  void interrupt(PrintWriter err) {
    CompletableFuture<?> call;
    boolean waitForReport;
    boolean prompting;
    synchronized (lock) {
      interrupted = true;
      call = inFlight;
      inFlight = null;
      prompting = awaitingInput;
      waitForReport = commandRunning && !awaitingInput;
    }
    if (call != null) {
      call.cancel(true);
    }
    if (prompting) {
      err.println();
      err.println("interrupted while waiting for an answer: nothing was sent");
      err.flush();
    }
    if (waitForReport) {
      try {
        commandDone.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
