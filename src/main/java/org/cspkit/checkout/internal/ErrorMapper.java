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
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.exception.BadRequestException;
import org.cspkit.checkout.exception.ConflictException;
import org.cspkit.checkout.exception.ForbiddenException;
import org.cspkit.checkout.exception.NotFoundException;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.ServerErrorException;
import org.cspkit.checkout.exception.ThrottledException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.model.ApiFault;
import org.cspkit.checkout.model.ThrottlingError;

/**
 * Turns a non-2xx response into the typed exception for its status, decoding the Partner Center
 * error body ({@link ApiFault}, or the 429 {@link ThrottlingError} shape). Thread-safe.
 */
public final class ErrorMapper {
  /** Error bodies are read up to this many bytes; the rest is ignored. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** How much of an undecodable body the exception keeps. */
  static final int EXCERPT_CHARS = 2048;

  private final JsonAdapter<ApiFault> faultAdapter;
  private final JsonAdapter<ThrottlingError> throttlingAdapter;

  /**
   * Creates the mapper.
   *
   * @param moshi the shared Moshi instance
   */
  public ErrorMapper(Moshi moshi) {
    this.faultAdapter = moshi.adapter(ApiFault.class);
    this.throttlingAdapter = moshi.adapter(ThrottlingError.class);
  }

  /**
   * Maps an error response.
   *
   * @param response the raw response (its body is not read)
   * @param errorBody the error body, or null
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @return the exception to throw, never null
   */
  public PartnerCenterException map(
      Response response, ResponseBody errorBody, String requestId, String correlationId) {
    int status = response.code();
    String correlationVector = response.header("MS-CV");
    Buffer body;
    try {
      body = readCapped(errorBody);
    } catch (IOException e) {
      return undecodable(response, new Buffer(), requestId, correlationId, e);
    }

    ApiFault fault = null;
    if (!body.snapshot().utf8().isBlank()) {
      try {
        fault = DecodingConverterFactory.decode(faultAdapter, body.peek());
        if (fault.code() == null && fault.description() == null) {
          ThrottlingError throttling =
              DecodingConverterFactory.decode(throttlingAdapter, body.peek());
          if (throttling.message() != null) {
            fault = new ApiFault(null, throttling.message(), List.of(), null, null);
          }
        }
      } catch (IOException e) {
        return undecodable(response, body, requestId, correlationId, e);
      }
    }

    switch (status) {
      case 400:
        return new BadRequestException(status, fault, requestId, correlationId, correlationVector);
      case 401:
        return new AuthenticationException(
            status, fault, requestId, correlationId, correlationVector);
      case 403:
        return new ForbiddenException(status, fault, requestId, correlationId, correlationVector);
      case 404:
        return new NotFoundException(status, fault, requestId, correlationId, correlationVector);
      case 409:
        return new ConflictException(status, fault, requestId, correlationId, correlationVector);
      case 429:
        return new ThrottledException(fault, retryAfter(response), requestId, correlationId,
            correlationVector);
      default:
        return status >= 500
            ? new ServerErrorException(status, fault, requestId, correlationId, correlationVector)
            : new PartnerCenterException(status, fault, requestId, correlationId,
                correlationVector);
    }
  }

  /**
   * The exception for a response whose body is not what the spec describes, keeping the start of
   * the body (read up to the cap) for diagnosis.
   *
   * @param response the raw response
   * @param body its body, not yet read, or null
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param cause why it could not be decoded
   * @return the exception to throw
   */
  public UndecodableResponseException undecodable(Response response, ResponseBody body,
      String requestId, String correlationId, Throwable cause) {
    Buffer read;
    try {
      read = readCapped(body);
    } catch (IOException e) {
      cause.addSuppressed(e);
      read = new Buffer();
    }
    return undecodable(response, read, requestId, correlationId, cause);
  }

  private static UndecodableResponseException undecodable(Response response, Buffer body,
      String requestId, String correlationId, Throwable cause) {
    return new UndecodableResponseException(response.code(), response.header("Content-Type"),
        excerpt(body), requestId, correlationId, response.header("MS-CV"), cause);
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

  private static String excerpt(Buffer body) {
    if (body.size() == 0) {
      return null;
    }
    String text = body.snapshot().utf8();
    return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS);
  }
}
