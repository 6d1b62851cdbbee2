package org.cspkit.partnercenter.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.SignInRequiredException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import org.cspkit.partnercenter.model.ApiFault;
import org.cspkit.partnercenter.model.ThrottlingError;
import retrofit2.Converter;

/**
 * Turns the outcome of one attempt of any operation into the decoded result or the typed
 * exception. The response's own facts decide: a 2xx the spec documents for the operation is
 * decoded by the operation's Retrofit converter; another 2xx is not decoded: for a GET it is an
 * {@link UndecodableResponseException} that names the status and the documented ones, for a POST
 * or PUT an outcome the client cannot confirm ({@link OutcomeUnknownException}); any other
 * status is the exception of its status whatever its body, with the Partner Center error body
 * ({@link ApiFault}, or the 429 {@link ThrottlingError} shape) when it has one; a 401 or 403 with
 * code 900420 (a token of the retired audience) is a {@link SignInRequiredException}. Known
 * secrets are scrubbed from everything a peer's words reach. Thread-safe.
 */
public final class ResponseHandler {
  /** Error bodies are read up to this many bytes; the rest is never read. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** How much of an undecodable body the exception keeps. */
  static final int EXCERPT_CHARS = 2048;

  private final JsonAdapter<ApiFault> faultAdapter;
  private final JsonAdapter<ThrottlingError> throttlingAdapter;
  private final long maxResultBytes;

  /**
   * Creates the handler.
   *
   * @param moshi the shared Moshi instance
   * @param maxResultBytes the largest success body decoded, in bytes after any content decoding
   */
  public ResponseHandler(Moshi moshi, long maxResultBytes) {
    this.faultAdapter = moshi.adapter(ApiFault.class);
    this.throttlingAdapter = moshi.adapter(ThrottlingError.class);
    this.maxResultBytes = maxResultBytes;
  }

  /**
   * The result of a response.
   *
   * @param response the response; its body is read but not closed
   * @param converter the operation's Retrofit converter for its success body
   * @param successStatuses the 2xx statuses the spec documents for the operation
   * @param safe whether the operation is a GET
   * @param rules the operation's rules
   * @param ids the call's facts
   * @param secrets values to scrub from anything the response puts into an exception
   * @return the decoded result of a 2xx response
   * @throws PartnerCenterException for any other status, or a body that cannot be decoded
   * @throws IOException if reading a 2xx body fails (the connection broke)
   */
  Object handle(
      Response response,
      Converter<ResponseBody, ?> converter,
      int[] successStatuses,
      boolean safe,
      OperationRules rules,
      CallInfo ids,
      List<String> secrets)
      throws IOException {
    ResponseBody body = response.body();
    int status = response.code();
    if (status < 200 || status > 299) {
      throw error(response, body, ids, secrets);
    }
    boolean documented = IntStream.of(successStatuses).anyMatch(success -> success == status);
    if (!documented && safe) {
      throw new UndecodableResponseException(
          "Partner Center returned " + status + ", a success status the spec does not document"
              + " for " + ids.operationId() + " (it documents only "
              + IntStream.of(successStatuses)
                  .mapToObj(String::valueOf)
                  .collect(Collectors.joining(" and "))
              + "), so its body was not decoded",
          details(response, null, ids, secrets),
          Redaction.scrub(response.header("Content-Type"), secrets),
          Redaction.scrub(excerpt(readCapped(body)), secrets));
    }
    if (!documented) {
      throw new OutcomeUnknownException(
          ids.operationId(),
          ids.customerId(),
          ids.path(),
          details(response, null, ids, secrets),
          "Partner Center answered " + status
              + ", a success status the spec does not document for " + ids.operationId()
              + ", so the client cannot confirm the outcome",
          rules.unknownOutcomeAdvice(ids));
    }
    MediaType type = body.contentType();
    if (type != null && !"json".equals(type.subtype()) && !type.subtype().endsWith("+json")) {
      // An HTML page or other text from a proxy: not worth decoding, keep its start.
      throw undecodable(
          response,
          readCapped(body),
          ids,
          secrets,
          new UndecodableBodyException("expected JSON but the content type is " + type, null));
    }
    try {
      ResponseBody limited =
          ResponseBody.create(Okio.buffer(limit(body.source(), maxResultBytes)), type, -1);
      return converter.convert(limited);
    } catch (UndecodableBodyException e) {
      throw undecodable(response, new Buffer(), ids, secrets, e);
    }
  }

  /**
   * The exception for an attempt that got no complete response.
   *
   * @param failure what OkHttp reported
   * @param ids the call's facts
   * @param secrets values to scrub from the message (a peer may echo them in a status line)
   * @return the exception to throw
   */
  PartnerCenterException failure(IOException failure, CallInfo ids, List<String> secrets) {
    return new TransportException(
        Redaction.scrub(
            ids.operationId() + " failed before a complete response was received: " + failure,
            secrets),
        ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
        Redaction.scrub(failure, secrets));
  }

  /**
   * The exception for an attempt that could not get an access token: nothing was sent. What it
   * keeps of the token source's failure is said by {@link TokenFailures}: a {@link
   * TokenAcquisitionException}'s code and description, token-shaped strings masked; never the
   * text of another exception.
   *
   * @param failure the token cache's failure
   * @param ids the call's facts
   * @return an {@link AuthenticationException} with status 0, a {@link SignInRequiredException}
   *     when only a new sign-in helps; for a {@link TokenAcquisitionException}, its code and
   *     description as the service error
   */
  PartnerCenterException tokenFailure(TokenCache.TokenUnavailableException failure, CallInfo ids) {
    return TokenFailures.of(failure, ids);
  }

  /**
   * The exception of a status other than 2xx, whatever its body: a body that is not a Partner
   * Center error (an HTML page, too large, unreadable) only leaves the service error empty.
   */
  private PartnerCenterException error(
      Response response, ResponseBody errorBody, CallInfo ids, List<String> secrets) {
    ApiFault fault = null;
    try {
      Buffer body = readCapped(errorBody);
      if (!body.snapshot().utf8().isBlank()) {
        fault = BodyDecoder.decode(faultAdapter, body.peek());
        if (fault.code() == null && fault.description() == null) {
          ThrottlingError throttling = BodyDecoder.decode(throttlingAdapter, body.peek());
          fault = throttling.message() == null
              ? null
              : new ApiFault(null, throttling.message(), List.of(), null, null);
        }
      }
    } catch (IOException notAnErrorBody) {
      fault = null;
    }
    ErrorDetails details = details(response, scrub(fault, secrets), ids, secrets);
    if ((response.code() == 401 || response.code() == 403)
        && fault != null
        && fault.code() != null
        && fault.code().trim().equals(String.valueOf(SignInRequiredException.RETIRED_AUDIENCE))) {
      return new SignInRequiredException(details);
    }
    return switch (response.code()) {
      case 400 -> new BadRequestException(details);
      case 401 -> new AuthenticationException(details);
      case 403 -> new ForbiddenException(details);
      case 404 -> new NotFoundException(details);
      case 409 -> new ConflictException(details);
      case 429 -> new ThrottledException(details, retryAfter(response.headers()));
      default ->
        response.code() >= 500
            ? new ServerErrorException(details)
            : new PartnerCenterException(details);
    };
  }

  /**
   * The exception for the response that came before a request the retry policy did not decide
   * on: its status and headers, with no body.
   *
   * @param status the status
   * @param request the request
   * @param headers the response's headers
   * @param ids the call's facts
   * @param secrets values to scrub
   * @return the exception of that status
   */
  PartnerCenterException statusOnly(
      int status,
      okhttp3.Request request,
      okhttp3.Headers headers,
      CallInfo ids,
      List<String> secrets) {
    Response response = new Response.Builder()
        .request(request)
        .protocol(okhttp3.Protocol.HTTP_1_1)
        .code(status)
        .message("")
        .headers(headers == null ? okhttp3.Headers.of() : headers)
        .body(ResponseBody.create(new byte[0], null))
        .build();
    if (status >= 200 && status < 300) {
      return undecodable(
          response,
          new Buffer(),
          ids,
          secrets,
          new UndecodableBodyException("the body was not read", null));
    }
    return error(response, response.body(), ids, secrets);
  }

  private static ErrorDetails details(
      Response response, ApiFault fault, CallInfo ids, List<String> secrets) {
    // A peer may echo the token in any header: MS-CV is scrubbed like the body.
    return new ErrorDetails(
        response.code(),
        fault,
        ids.requestId(),
        ids.correlationId(),
        Redaction.scrub(response.header("MS-CV"), secrets));
  }

  private static ApiFault scrub(ApiFault fault, List<String> secrets) {
    if (fault == null) {
      return null;
    }
    List<Object> data = new ArrayList<>(fault.data().size());
    for (Object item : fault.data()) {
      data.add(item instanceof String text ? Redaction.scrub(text, secrets) : item);
    }
    return new ApiFault(
        Redaction.scrub(fault.code(), secrets),
        Redaction.scrub(fault.description(), secrets),
        data,
        Redaction.scrub(fault.source(), secrets),
        fault.isRetryable());
  }

  private static UndecodableResponseException undecodable(
      Response response, Buffer body, CallInfo ids, List<String> secrets, Throwable cause) {
    ErrorDetails details = details(response, null, ids, secrets);
    return new UndecodableResponseException(
        details,
        Redaction.scrub(response.header("Content-Type"), secrets),
        Redaction.scrub(excerpt(body), secrets),
        Redaction.scrub(cause, secrets));
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

  /** {@code source}, failing as undecodable once more than {@code max} bytes have been read. */
  private static Source limit(Source source, long max) {
    return new ForwardingSource(source) {
      private long total;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long read = super.read(sink, byteCount);
        if (read > 0 && (total += read) > max) {
          throw new UndecodableBodyException(
              "the body is larger than the limit of " + max
                  + " bytes (PartnerCenterClientBuilder.maxResponseBodySize)",
              null);
        }
        return read;
      }
    };
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
   * @param headers the response's headers, or null
   * @return the delay, zero or more, or null when the header is missing or invalid
   */
  static Duration retryAfter(okhttp3.Headers headers) {
    if (headers == null) {
      return null;
    }
    String value = headers.get("Retry-After");
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
    Instant serverNow = parseHttpDate(headers.get("Date"));
    Duration delay = Duration.between(serverNow != null ? serverNow : Instant.now(), at);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private static Instant parseHttpDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
