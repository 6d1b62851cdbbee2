package org.cspkit.partnercenter.exception;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.cspkit.partnercenter.model.ApiFault;

/**
 * The root of every exception a call throws, apart from {@link IllegalArgumentException} for
 * bad arguments (which is thrown before anything is sent).
 *
 * <p>It keeps what a Partner Center support case needs: the HTTP status, the service's error body
 * ({@link ApiFault}: code, description, data, source), and the {@code MS-RequestId}, {@code
 * MS-CorrelationId} and {@code MS-CV} of the request. The message reads like {@code Partner
 * Center returned 404 (800008): Unable to retrieve cart ID … [MS-RequestId=…,
 * MS-CorrelationId=…]} and never contains a token or other secret.
 *
 * <p>Subtypes by status: {@link BadRequestException} 400, {@link AuthenticationException} 401,
 * {@link ForbiddenException} 403, {@link NotFoundException} 404, {@link ConflictException} 409,
 * {@link ThrottledException} 429, {@link ServerErrorException} 5xx; {@link SignInRequiredException}
 * (an {@link AuthenticationException}) when only a new sign-in helps. A response that cannot be
 * decoded is an {@link UndecodableResponseException}; no response at all is a {@link
 * TransportException}. Other statuses are thrown as this class. Error codes: Partner Center page
 * "Partner Center REST error codes".
 */
public class PartnerCenterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The status, service error and request IDs. */
  private final ErrorDetails details;

  /** The attempts of the call, set once by the client. */
  private volatile List<Attempt> attempts = List.of();

  /**
   * An exception for a Partner Center error response, with the standard message.
   *
   * @param details the status, error body and request IDs
   */
  public PartnerCenterException(ErrorDetails details) {
    this(describe(details), details, null);
  }

  /**
   * An exception with its own summary; the request IDs are appended to the message.
   *
   * @param summary what happened, without secrets
   * @param details the status, error body and request IDs
   * @param cause the underlying failure, or null
   */
  protected PartnerCenterException(String summary, ErrorDetails details, Throwable cause) {
    super(
        summary + " [MS-RequestId=" + details.requestId() + ", MS-CorrelationId="
            + details.correlationId() + "]",
        cause);
    this.details = details;
  }

  /**
   * The standard summary: {@code Partner Center returned 404 (800008): description}.
   *
   * @param details the status and error body
   * @return the summary
   */
  protected static String describe(ErrorDetails details) {
    ApiFault serviceError = details.serviceError();
    StringBuilder summary =
        new StringBuilder("Partner Center returned ").append(details.statusCode());
    if (serviceError != null) {
      if (serviceError.code() != null) {
        summary.append(" (").append(serviceError.code()).append(')');
      }
      if (serviceError.description() != null) {
        summary.append(": ").append(serviceError.description());
      }
    }
    return summary.toString();
  }

  /**
   * The standard message followed by advice, one sentence after the other: the service's
   * description may already end a sentence ({@code "…authentication."}).
   *
   * @param details the status, error body and request IDs
   * @param advice what the caller can do
   * @return the message
   */
  protected static String describe(ErrorDetails details, String advice) {
    String described = describe(details);
    boolean ended = described.endsWith(".") || described.endsWith("!") || described.endsWith("?");
    return described + (ended ? " " : ". ") + advice;
  }

  /**
   * Records the attempts of the call that ended in this exception; the client calls it once,
   * before throwing.
   *
   * @param attempts every attempt, in order
   * @return this exception
   * @throws IllegalStateException if the attempts were already recorded
   */
  public final PartnerCenterException initAttempts(List<Attempt> attempts) {
    if (!this.attempts.isEmpty()) {
      throw new IllegalStateException("the attempts are already recorded");
    }
    this.attempts = List.copyOf(attempts);
    return this;
  }

  /**
   * Every attempt of the call, with its outcome; all carried {@link #requestId()}.
   *
   * @return the attempts in order, the last being the one this exception describes; empty when
   *     the exception did not come from a call
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Whether orders may have been created although this exception was thrown: an attempt sent the
   * request and got no answer, a gateway timed out (502, 504), or a 2xx body could not be decoded.
   * Then read the customer's orders before buying again.
   *
   * @return true if the call may have taken effect
   */
  public boolean mayHaveSucceeded() {
    return attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
  }

  /**
   * The message, followed by the attempts when there was more than one, and a warning when the
   * checkout may have succeeded.
   *
   * @return the message
   */
  @Override
  public String getMessage() {
    StringBuilder message = new StringBuilder(super.getMessage());
    if (attempts.size() > 1) {
      message
          .append("; ")
          .append(attempts.size())
          .append(" attempts: ")
          .append(attempts.stream()
              .map(Attempt::toString)
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    if (mayHaveSucceeded() && !(this instanceof OutcomeUnknownException)) {
      message.append("; the call may have succeeded: read the resource (after a checkout, the"
          + " customer's orders) or repeat the call with the same MS-RequestId before sending it"
          + " again");
    }
    return message.toString();
  }

  /**
   * The HTTP status of the response.
   *
   * @return the status, such as 404; 0 when no response was received
   */
  public int statusCode() {
    return details.statusCode();
  }

  /**
   * Everything this exception knows about the failed call, as one value.
   *
   * @return the details
   */
  public ErrorDetails details() {
    return details;
  }

  /**
   * The service's error body as decoded. For a 429, {@code description} holds the throttling
   * body's {@code message}.
   *
   * @return the error body, or empty when the response had none
   */
  public Optional<ApiFault> serviceError() {
    return Optional.ofNullable(details.serviceError());
  }

  /**
   * The Partner Center error code, such as 800008 (cart not found).
   *
   * @return the numeric code, or empty when the body had none or it was not a number (see {@link
   *     #errorCodeText()} for a code such as {@code ServiceUnavailable})
   */
  public OptionalInt errorCode() {
    ApiFault serviceError = details.serviceError();
    if (serviceError == null || serviceError.code() == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(serviceError.code().trim()));
    } catch (NumberFormatException notNumeric) {
      return OptionalInt.empty();
    }
  }

  /**
   * The Partner Center error code as the service sent it: a number such as {@code 800065}, or a
   * name such as {@code ServiceUnavailable}.
   *
   * @return the code, or empty when the body had none
   */
  public Optional<String> errorCodeText() {
    return serviceError().map(ApiFault::code).map(String::trim).filter(code -> !code.isEmpty());
  }

  /**
   * The service's description of the error, in the request's {@code X-Locale}.
   *
   * @return the description, or null when the body had none
   */
  public String errorDescription() {
    return serviceError().map(ApiFault::description).orElse(null);
  }

  /**
   * The service's extra error details ({@code data}), usually strings.
   *
   * @return the details, empty when there are none
   */
  public List<Object> errorData() {
    return serviceError().map(ApiFault::data).orElse(List.of());
  }

  /**
   * The service component that reported the error, such as {@code PartnerFD}.
   *
   * @return the source, or null when the body had none
   */
  public String errorSource() {
    return serviceError().map(ApiFault::source).orElse(null);
  }

  /**
   * The {@code MS-RequestId} of the request, the idempotency key of the logical call.
   *
   * @return the request ID, or null when the failure happened before one was assigned
   */
  public String requestId() {
    return details.requestId();
  }

  /**
   * The {@code MS-CorrelationId} of the request.
   *
   * @return the correlation ID, or null when the failure happened before one was assigned
   */
  public String correlationId() {
    return details.correlationId();
  }

  /**
   * The {@code MS-CV} correlation vector of the response, for Microsoft support.
   *
   * @return the correlation vector, or null when the response had none
   */
  public String correlationVector() {
    return details.correlationVector();
  }
}
