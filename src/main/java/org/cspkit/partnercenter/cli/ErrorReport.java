package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import okio.Buffer;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.ApiFault;

/**
 * An error as one JSON object on standard output, for {@code -o json}: what a script needs to
 * decide what to do next. The message also goes to standard error as text.
 *
 * <pre>{"error": {"exitCode": 5, "message": "...", "status": 404, "serviceErrorCode": "800008",
 *  "serviceErrorDescription": "...", "requestId": "...", "correlationId": "...",
 *  "attempts": [{"number": 1, "status": 404, "outcome": "404 (800008)", "elapsedMillis": 120,
 *  "mayHaveSucceeded": false}], "mayHaveSucceeded": false}}</pre>
 */
final class ErrorReport {
  private ErrorReport() {}

  /**
   * Prints the report.
   *
   * @param out standard output
   * @param exitCode the exit code the command returns
   * @param message the error message (without secrets)
   * @param failure the Partner Center failure or cancellation, or null for other errors
   */
  static void print(PrintWriter out, int exitCode, String message, RuntimeException failure) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.setIndent("  ");
      json.setSerializeNulls(true);
      json.beginObject().name("error").beginObject();
      json.name("exitCode").value(exitCode);
      json.name("message").value(message);
      if (failure instanceof PartnerCenterException e) {
        json.name("status").value(e.statusCode());
        json.name("serviceErrorCode").value(e.serviceError().map(ApiFault::code).orElse(null));
        json.name("serviceErrorDescription").value(e.errorDescription());
        json.name("requestId").value(e.requestId());
        json.name("correlationId").value(e.correlationId());
        attempts(json, e.attempts());
        json.name("mayHaveSucceeded").value(e.mayHaveSucceeded());
      } else if (failure instanceof CallCancelledException e) {
        json.name("cancelled").value(true);
        json.name("requestId").value(e.requestId());
        json.name("correlationId").value(e.correlationId());
        attempts(json, e.attempts());
        json.name("mayHaveSucceeded").value(e.mayHaveSucceeded());
      } else {
        json.name("mayHaveSucceeded").value(false);
      }
      json.endObject().endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(buffer.readUtf8());
    out.flush();
  }

  private static void attempts(JsonWriter json, java.util.List<Attempt> attempts)
      throws IOException {
    json.name("attempts").beginArray();
    for (Attempt attempt : attempts) {
      json.beginObject();
      json.name("number").value(attempt.number());
      json.name("status").value(attempt.statusCode());
      json.name("outcome").value(attempt.outcome());
      json.name("elapsedMillis").value(attempt.elapsed().toMillis());
      json.name("mayHaveSucceeded").value(attempt.mayHaveSucceeded());
      json.endObject();
    }
    json.endArray();
  }
}
