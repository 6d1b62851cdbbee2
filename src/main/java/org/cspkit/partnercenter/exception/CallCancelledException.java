package org.cspkit.partnercenter.exception;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * The future of an asynchronous call (such as {@link
 * org.cspkit.partnercenter.CartsService#checkoutAsync}) was cancelled. It is a
 * {@link CancellationException}, so {@code isCancelled()} is true, and it also tells what a safe
 * re-run needs: the {@code MS-RequestId} (repeat the call with the same one), the attempts
 * made, and whether one may have reached Partner Center. Once {@code cancel} has returned, no
 * attempt starts and no request byte is written.
 *
 * <p>On Java 17 {@code join()} and {@code get()} throw it as it is; newer JDKs throw a new {@code
 * CancellationException} with this one as its cause. {@code future.handle((result, failure) ->
 * failure)} (or {@code exceptionNow()} from Java 19) returns it on every JDK.
 */
public class CallCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** The request's {@code MS-RequestId}. */
  private final String requestId;
  /** The request's {@code MS-CorrelationId}. */
  private final String correlationId;
  /** The attempts that had ended before the cancel. */
  private final List<Attempt> attempts;
  /** Whether an attempt had been sent and was cut off by the cancel. */
  private final boolean cutOffInFlight;
  /** Whether the call may have taken effect. */
  private final boolean mayHaveSucceeded;

  /**
   * Creates the exception.
   *
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param attempts the attempts that had ended before the cancel
   * @param cutOffInFlight whether an attempt had been sent and was cut off without an answer
   * @param mayHaveSucceeded whether the call may have taken effect
   */
  public CallCancelledException(
      String requestId,
      String correlationId,
      List<Attempt> attempts,
      boolean cutOffInFlight,
      boolean mayHaveSucceeded) {
    super(message(requestId, correlationId, attempts, cutOffInFlight, mayHaveSucceeded));
    this.requestId = requestId;
    this.correlationId = correlationId;
    this.attempts = List.copyOf(attempts);
    this.cutOffInFlight = cutOffInFlight;
    this.mayHaveSucceeded = mayHaveSucceeded;
  }

  private static String message(
      String requestId,
      String correlationId,
      List<Attempt> attempts,
      boolean cutOffInFlight,
      boolean mayHaveSucceeded) {
    StringBuilder message = new StringBuilder("The call was cancelled");
    if (!attempts.isEmpty()) {
      message
          .append(" after ")
          .append(attempts.size())
          .append(" attempt(s): ")
          .append(attempts.stream().map(Attempt::toString).collect(Collectors.joining(", ")));
    }
    if (cutOffInFlight) {
      message.append("; an attempt had been sent and got no answer");
    }
    message.append(
        mayHaveSucceeded
            ? "; the call may have succeeded: read the resource (after a checkout, the customer's"
                + " orders), or repeat it with the same MS-RequestId, before sending it again"
            : "; no attempt reached Partner Center with an unknown outcome");
    return message
        .append(" [MS-RequestId=")
        .append(requestId)
        .append(", MS-CorrelationId=")
        .append(correlationId)
        .append(']')
        .toString();
  }

  /**
   * The {@code MS-RequestId} of the call; repeating the call with it is the safe re-run.
   *
   * @return the request ID
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The {@code MS-CorrelationId} of the call.
   *
   * @return the correlation ID
   */
  public String correlationId() {
    return correlationId;
  }

  /**
   * The attempts that had ended before the cancel, in order.
   *
   * @return the attempts, possibly empty
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Whether an attempt had been handed to a connection and was cut off by the cancel, without an
   * answer.
   *
   * @return true if a request was in flight
   */
  public boolean cutOffInFlight() {
    return cutOffInFlight;
  }

  /**
   * Whether the call may have taken effect: an attempt was cut off in flight, or an earlier
   * one may have succeeded ({@link Attempt#mayHaveSucceeded()}).
   *
   * @return true if the customer's orders must be read before buying again
   */
  public boolean mayHaveSucceeded() {
    return mayHaveSucceeded;
  }
}
