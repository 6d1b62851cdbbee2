package org.cspkit.checkout.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.cspkit.checkout.auth.TokenAcquisitionException;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.exception.BadRequestException;
import org.cspkit.checkout.exception.ConflictException;
import org.cspkit.checkout.exception.ErrorDetails;
import org.cspkit.checkout.exception.ForbiddenException;
import org.cspkit.checkout.exception.NotFoundException;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.ServerErrorException;
import org.cspkit.checkout.exception.ThrottledException;
import org.cspkit.checkout.exception.TransportException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.internal.AuthorizationInterceptor.TokenUnavailableException;
import org.cspkit.checkout.model.ApiFault;
import org.cspkit.checkout.model.CartCheckoutResult;
import org.cspkit.checkout.model.ThrottlingError;

/**
 * Turns the outcome of one checkout call into the decoded {@link CartCheckoutResult} or the typed
 * exception: 2xx bodies are decoded, other statuses map to the exception for their status with the
 * Partner Center error body ({@link ApiFault}, or the 429 {@link ThrottlingError} shape), and I/O
 * failures become {@link TransportException} or, for the token source, {@link
 * AuthenticationException}. Thread-safe.
 */
public final class ResponseHandler {
  /** Error bodies are read up to this many bytes; the rest is never read. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** How much of an undecodable body the exception keeps. */
  static final int EXCERPT_CHARS = 2048;

  private final JsonAdapter<CartCheckoutResult> resultAdapter;
  private final JsonAdapter<ApiFault> faultAdapter;
  private final JsonAdapter<ThrottlingError> throttlingAdapter;

  /**
   * Creates the handler.
   *
   * @param moshi the shared Moshi instance
   */
  public ResponseHandler(Moshi moshi) {
    this.resultAdapter = moshi.adapter(CartCheckoutResult.class);
    this.faultAdapter = moshi.adapter(ApiFault.class);
    this.throttlingAdapter = moshi.adapter(ThrottlingError.class);
  }

  /**
   * The result of a response.
   *
   * @param response the response; its body is read but not closed
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @return the decoded result of a 2xx response
   * @throws PartnerCenterException for any other status, or a body that cannot be decoded
   * @throws IOException if reading a 2xx body fails (the connection broke)
   */
  public CartCheckoutResult handle(Response response, String requestId, String correlationId)
      throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      throw error(response, body, requestId, correlationId);
    }
    MediaType type = body.contentType();
    if (type != null && !"json".equals(type.subtype()) && !type.subtype().endsWith("+json")) {
      // An HTML page or other text from a proxy: not worth decoding, keep its start.
      throw undecodable(response, readCapped(body), requestId, correlationId,
          new UndecodableBodyException("expected JSON but the content type is " + type, null));
    }
    try {
      return BodyDecoder.decode(resultAdapter, body.source());
    } catch (UndecodableBodyException e) {
      throw undecodable(response, new Buffer(), requestId, correlationId, e);
    }
  }

  /**
   * The exception for a call that got no complete response.
   *
   * @param failure what OkHttp reported
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @return the exception to throw
   */
  public PartnerCenterException failure(
      IOException failure, String requestId, String correlationId) {
    ErrorDetails details = ErrorDetails.noResponse(requestId, correlationId);
    if (failure instanceof TokenUnavailableException) {
      Throwable cause = failure.getCause();
      if (cause instanceof TokenAcquisitionException entraId) {
        ApiFault fault = new ApiFault(entraId.errorCode(), entraId.errorDescription(), List.of(),
            "Microsoft Entra ID", null);
        return new AuthenticationException("Could not obtain a Partner Center access token ("
            + entraId.errorCode() + "); nothing was sent",
            new ErrorDetails(0, fault, requestId, correlationId, null), cause);
      }
      return new AuthenticationException(
          "Could not obtain a Partner Center access token; nothing was sent", details, cause);
    }
    return new TransportException(
        "Checkout failed before a complete response was received: " + failure, details, failure);
  }

  private PartnerCenterException error(
      Response response, ResponseBody errorBody, String requestId, String correlationId) {
    Buffer body;
    try {
      body = readCapped(errorBody);
    } catch (IOException e) {
      return undecodable(response, new Buffer(), requestId, correlationId, e);
    }
    ApiFault fault = null;
    if (!body.snapshot().utf8().isBlank()) {
      try {
        fault = BodyDecoder.decode(faultAdapter, body.peek());
        if (fault.code() == null && fault.description() == null) {
          ThrottlingError throttling =
              BodyDecoder.decode(throttlingAdapter, body.peek());
          if (throttling.message() != null) {
            fault = new ApiFault(null, throttling.message(), List.of(), null, null);
          }
        }
      } catch (IOException e) {
        return undecodable(response, body, requestId, correlationId, e);
      }
    }
    int status = response.code();
    ErrorDetails details =
        new ErrorDetails(status, fault, requestId, correlationId, response.header("MS-CV"));
    switch (status) {
      case 400:
        return new BadRequestException(details);
      case 401:
        return new AuthenticationException(details);
      case 403:
        return new ForbiddenException(details);
      case 404:
        return new NotFoundException(details);
      case 409:
        return new ConflictException(details);
      case 429:
        return new ThrottledException(details, retryAfter(response));
      default:
        return status >= 500 ? new ServerErrorException(details)
            : new PartnerCenterException(details);
    }
  }

  private static UndecodableResponseException undecodable(Response response, Buffer body,
      String requestId, String correlationId, Throwable cause) {
    ErrorDetails details = new ErrorDetails(
        response.code(), null, requestId, correlationId, response.header("MS-CV"));
    return new UndecodableResponseException(
        details, response.header("Content-Type"), excerpt(body), cause);
  }

  /** Reads at most {@link #MAX_ERROR_BODY_BYTES} of the body; the rest is never read. */
  private static Buffer readCapped(ResponseBody body) throws IOException {
    Buffer buffer = new Buffer();
    if (body != null) {
      BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY_BYTES);
      source.read(buffer, Math.min(MAX_ERROR_BODY_BYTES, source.getBuffer().size()));
    }
    return buffer;
  }

  private static String excerpt(Buffer body) {
    if (body.size() == 0) {
      return null;
    }
    String text = body.snapshot().utf8();
    return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS);
  }

  /**
   * Reads {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3). A date is taken
   * relative to the response's {@code Date} header when present, so clock skew does not matter.
   *
   * @param response the response
   * @return the delay, zero or more, or null when the header is missing or invalid
   */
  static Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLarge) {
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    Instant at = parseHttpDate(value);
    if (at == null) {
      return null;
    }
    Instant serverNow = parseHttpDate(response.header("Date"));
    Duration delay = Duration.between(serverNow != null ? serverNow : Instant.now(), at);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private static Instant parseHttpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
