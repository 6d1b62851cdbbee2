package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.SignInRequiredException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.model.ApiFault;

/**
 * The report of a failure, an interrupt, or a purchase stopped on purpose: on standard error as
 * text (the error, what it means, the next step to run), and with {@code -o json} also as one
 * object on standard output:
 *
 * <pre>{"error": {"exitCode": 7, "message": "...", "status": 0, "serviceErrorCode": null,
 *  "serviceErrorDescription": null, "requestId": "...", "correlationId": "...",
 *  "attempts": [{"number": 1, "status": 0, "outcome": "no response: ...", "elapsedMillis": 120,
 *  "mayHaveSucceeded": true}], "mayHaveSucceeded": true, "interrupted": false,
 *  "explanation": ["the checkout of cart ... may have succeeded: ..."],
 *  "nextStep": "partner-center purchase --resume ...", "purchaseId": "...", "cartId": "..."}}</pre>
 *
 * <p>Every key is there in every report ({@code null} or empty when it does not apply), except
 * those of a purchase ({@code purchaseId}, {@code journal}, {@code step}, {@code cartId}, {@code
 * orderIds}), which
 * only {@code purchase} adds. Not thread-safe; one per report.
 */
final class ErrorReport {
  private ExitCode exitCode;
  private boolean earlierMayHaveSucceeded;
  private final String message;
  private final Throwable failure;
  private final boolean interrupted;
  private final List<String> explanation = new ArrayList<>();
  private final Map<String, Object> context = new LinkedHashMap<>();
  private String nextStep;

  private ErrorReport(ExitCode exitCode, String message, Throwable failure, boolean interrupted) {
    this.exitCode = exitCode;
    this.message = message;
    this.failure = failure;
    this.interrupted = interrupted;
  }

  /** A report of a message alone, such as an unusable credential. */
  static ErrorReport message(ExitCode exitCode, String message) {
    return new ErrorReport(exitCode, message, null, false);
  }

  /**
   * The report of a failed, cancelled or stopped call.
   *
   * @param failure a {@link PartnerCenterException}, a {@link CancellationException} (a {@link
   *     CallCancelledException} tells more) or a {@link Terminal.Stopped}; anything else is a bug
   *     and is thrown on
   * @param what what the call does, such as "the checkout of cart …"
   * @return the report, to which the command adds what it means and the next step
   */
  static ErrorReport of(Throwable failure, String what) {
    if (failure instanceof Terminal.Stopped) {
      return new ErrorReport(
          ExitCode.INTERRUPTED, "stopped before " + what + " was sent", failure, true);
    }
    if (failure instanceof CallCancelledException cancelled) {
      return new ErrorReport(
          ExitCode.INTERRUPTED,
          what + " was stopped after " + cancelled.attempts().size() + " finished attempt(s)"
              + (cancelled.cutOffInFlight() ? " and one cut off in flight" : ""),
          failure,
          true);
    }
    if (failure instanceof CancellationException) {
      // A wait for provisioning (a series of reads) was cancelled between or during its polls.
      return new ErrorReport(ExitCode.INTERRUPTED, what + " was stopped", failure, true);
    }
    if (failure instanceof PartnerCenterException e) {
      ErrorReport report = new ErrorReport(exitCode(e), e.getMessage(), failure, false);
      if (e instanceof SignInRequiredException) {
        report.explain(Advice.signInAgain());
      }
      return report;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw new IllegalStateException(failure);
  }

  /** The exit code for a failure: an unknown outcome first, whatever the status. */
  static ExitCode exitCode(PartnerCenterException e) {
    if (e.mayHaveSucceeded()) {
      return ExitCode.OUTCOME_UNKNOWN;
    }
    if (e instanceof SignInRequiredException) {
      return ExitCode.SIGN_IN_REQUIRED;
    }
    if (e instanceof AuthenticationException) {
      return ExitCode.AUTHENTICATION;
    }
    if (e instanceof TransportException || e instanceof UndecodableResponseException) {
      return ExitCode.NETWORK_ERROR;
    }
    return ExitCode.SERVICE_ERROR;
  }

  /** Whether a stop (Ctrl-C, SIGTERM) ended the call. */
  boolean interrupted() {
    return interrupted;
  }

  /** Whether the call may have taken effect. */
  boolean mayHaveSucceeded() {
    return earlierMayHaveSucceeded
        || (failure instanceof PartnerCenterException e
            ? e.mayHaveSucceeded()
            : failure instanceof CallCancelledException c && c.mayHaveSucceeded());
  }

  /**
   * An earlier run sent the same call, which may have succeeded: whatever this run's attempt
   * did, the outcome is unknown (exit code 7, unless the command was interrupted).
   */
  ErrorReport earlierMayHaveSucceeded() {
    earlierMayHaveSucceeded = true;
    if (!interrupted) {
      exitCode = ExitCode.OUTCOME_UNKNOWN;
    }
    return this;
  }

  /** The {@code MS-RequestId} the call was sent with, or null when it was not sent. */
  String requestId() {
    if (failure instanceof PartnerCenterException e) {
      return e.requestId();
    }
    return failure instanceof CallCancelledException c ? c.requestId() : null;
  }

  /** Adds a line saying what the failure means. */
  ErrorReport explain(String line) {
    explanation.add(line);
    return this;
  }

  /** Sets the command to run next, as printed. */
  ErrorReport nextStep(String command) {
    this.nextStep = command;
    return this;
  }

  /** Adds a fact to the JSON object, such as the purchase's cart ID (a string or a list). */
  ErrorReport context(String key, Object value) {
    context.put(key, value);
    return this;
  }

  /**
   * Prints the report on standard error, and with {@code json} as one object on standard output.
   *
   * @return the exit code
   */
  int print(PrintWriter out, PrintWriter err, boolean json) {
    err.println((interrupted ? "interrupted: " : "error: ") + TerminalText.safe(message));
    if (failure instanceof CallCancelledException cancelled) {
      for (Attempt attempt : cancelled.attempts()) {
        err.println("  " + TerminalText.safe(attempt.toString()));
      }
      err.println("MS-RequestId: " + cancelled.requestId());
      err.println("MS-CorrelationId: " + cancelled.correlationId());
    }
    for (String line : explanation) {
      err.println(TerminalText.safe(line));
    }
    if (nextStep != null) {
      err.println("next step: " + nextStep);
    }
    err.flush();
    if (json) {
      printJson(out);
    }
    return exitCode.code();
  }

  /** Prints the report as one JSON object on standard output only (its text is printed). */
  void printJson(PrintWriter out) {
    JsonOutput.print(out, true, this::writeJson);
  }

  private void writeJson(JsonWriter json, com.squareup.moshi.Moshi moshi) throws IOException {
    json.beginObject().name("error").beginObject();
    json.name("exitCode").value(exitCode.code());
    json.name("message").value(message);
    PartnerCenterException e = failure instanceof PartnerCenterException p ? p : null;
    json.name("status").value(e == null ? null : e.statusCode());
    json.name("serviceErrorCode")
        .value(e == null ? null : e.serviceError().map(ApiFault::code).orElse(null));
    json.name("serviceErrorDescription").value(e == null ? null : e.errorDescription());
    CallCancelledException cancelled = failure instanceof CallCancelledException c ? c : null;
    json.name("requestId").value(requestId());
    json.name("correlationId")
        .value(
            e != null ? e.correlationId() : cancelled != null ? cancelled.correlationId() : null);
    json.name("attempts").beginArray();
    for (Attempt attempt :
        e != null ? e.attempts() : cancelled != null ? cancelled.attempts() : List.<Attempt>of()) {
      json.beginObject();
      json.name("number").value(attempt.number());
      json.name("status").value(attempt.statusCode());
      json.name("outcome").value(attempt.outcome());
      json.name("elapsedMillis").value(attempt.elapsed().toMillis());
      json.name("mayHaveSucceeded").value(attempt.mayHaveSucceeded());
      json.endObject();
    }
    json.endArray();
    json.name("mayHaveSucceeded").value(mayHaveSucceeded());
    json.name("interrupted").value(interrupted);
    json.name("explanation").beginArray();
    for (String line : explanation) {
      json.value(line);
    }
    json.endArray();
    json.name("nextStep").value(nextStep);
    for (Map.Entry<String, Object> entry : context.entrySet()) {
      json.name(entry.getKey());
      if (entry.getValue() instanceof List<?> list) {
        json.beginArray();
        for (Object item : list) {
          json.value(String.valueOf(item));
        }
        json.endArray();
      } else {
        json.value(entry.getValue() == null ? null : String.valueOf(entry.getValue()));
      }
    }
    json.endObject().endObject();
  }
}
