package org.cspkit.partnercenter.exception;

import java.io.Serializable;
import java.time.Duration;

/**
 * One HTTP attempt of a call, as the client saw it.
 *
 * @param number 1 for the first attempt
 * @param statusCode the HTTP status, or 0 when no response was received
 * @param outcome what happened, such as {@code 503 (ServiceUnavailable)} or {@code no response:
 *     java.net.SocketTimeoutException: timeout}
 * @param elapsed how long the attempt took
 * @param mayHaveSucceeded whether this attempt may have created orders although it did not
 *     return them: the request was sent and no answer came, a gateway timed out (502, 504), or a
 *     2xx body could not be decoded
 * @serial exclude
 */
@SuppressWarnings(
    "InvalidBlockTag") // javadoc accepts @serial exclude on a type: no serialized-form page
public record Attempt(
    int number, int statusCode, String outcome, Duration elapsed, boolean mayHaveSucceeded)
    implements Serializable {

  /** Such as {@code #2 503 (ServiceUnavailable) in 120 ms}. */
  @Override
  public String toString() {
    return "#" + number + " " + outcome + " in " + elapsed.toMillis() + " ms";
  }
}
