package org.cspkit.partnercenter.test;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * The fake's error answers, with the bodies Partner Center sends: its error body ({@code
 * ApiFault}), the throttling body of a 429, the front door's 503. Stateless.
 */
final class Answers {
  /** The realm of Partner Center's 401 answers. */
  private static final String REALM =
      "OAuth realm=urn:cpsvc:cpid:0c6c6e3b-f30a-4c8c-bc3c-56b3e45a2cd6";

  /** At most this many characters of description, as the document says of {@code ApiFault}. */
  private static final int MAX_DESCRIPTION = 1024;

  private Answers() {}

  /** 401 / 800001, with {@code WWW-Authenticate}, for a request without a bearer token. */
  static MockResponse unauthorized() {
    return withRealm(documented(800001));
  }

  /**
   * 400 / 800002 for a request the OpenAPI document does not allow. 800002 ("Invalid request
   * input") is the generic code Partner Center documents for invalid input; it documents no more
   * specific one for a malformed cart. The description names the first problem, {@code data}
   * lists them all.
   */
  static MockResponse invalidInput(List<String> problems) {
    String description = "Invalid request input: " + problems.get(0);
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
    return apiFault(400, 800002, description, problems);
  }

  /** 500 / 800003 for a failure of the fake itself, which {@code data} names. */
  static MockResponse fakeFailure(RuntimeException e) {
    return documented(800003, List.of("The fake failed: " + e));
  }

  /**
   * A request's ID header to send back: itself, or a new GUID when there was none or it cannot
   * be a header value (such as {@code réquest-é}, which an answer must not carry).
   */
  static String echoed(String value) {
    if (value == null) {
      return UUID.randomUUID().toString();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < ' ' || c > '~')) {
        return UUID.randomUUID().toString();
      }
    }
    return value;
  }

  /** The answer of a fault that replaces the operation's answer. */
  static MockResponse of(Fault fault) {
    return switch (fault.kind()) {
      case THROTTLED -> {
        long seconds = fault.details().retryAfterSeconds();
        yield json(
                429,
                write(writer -> writer
                    .beginObject()
                    .name("statusCode")
                    .value(429)
                    .name("message")
                    .value("Rate limit is exceeded. Try again in " + seconds + " seconds.")
                    .endObject()))
            .newBuilder()
            .setHeader("Retry-After", seconds)
            .build();
      }
      case SERVICE_UNAVAILABLE ->
        json(
            503,
            write(writer -> writer
                .beginObject()
                .name("code")
                .value("ServiceUnavailable")
                .name("description")
                .value("The service is temporarily unavailable. Try again later.")
                .name("data")
                .beginArray()
                .endArray()
                .name("source")
                .value("PartnerFD")
                .endObject()));
      case ERROR -> {
        MockResponse error = apiFault(
            fault.details().status(), fault.details().code(), fault.details().description());
        yield fault.details().status() == 401 ? withRealm(error) : error;
      }
      // DROP_BEFORE_COMMIT: the connection closes before this is sent
      default -> apiFault(503, 800003, "Unexpected service error.");
    };
  }

  /**
   * The answer of an operation the fake keeps no state for: the status of its first documented
   * 2xx answer, with that answer's first example as the body (none when the answer has no
   * content).
   *
   * @throws IllegalStateException if the document gives the operation no 2xx answer, or that
   *     answer content but no example
   */
  static MockResponse example(Spec.SpecOperation operation) {
    if (operation.status() == 0) {
      throw new IllegalStateException("The OpenAPI document gives " + operation.operationId()
          + " no 2xx answer to answer it with");
    }
    if (operation.mediaType() == null) {
      return new MockResponse.Builder().code(operation.status()).build();
    }
    if (operation.example() == null) {
      throw new IllegalStateException("The OpenAPI document gives the " + operation.status()
          + " answer of " + operation.operationId()
          + " no example to answer it with: add one to its " + operation.mediaType()
          + " content");
    }
    if (operation.mediaType().contains("json")) {
      return json(operation.status(), operation.example());
    }
    return new MockResponse.Builder()
        .code(operation.status())
        .setHeader("Content-Type", operation.mediaType())
        .body(operation.example())
        .build();
  }

  /** The answer the document gives for {@code code} ({@link DocumentedErrors#CODES}). */
  static MockResponse documented(int code) {
    return documented(code, List.of());
  }

  /** The answer the document gives for {@code code}, with {@code data} strings. */
  static MockResponse documented(int code, List<String> data) {
    DocumentedErrors.Answer answer = DocumentedErrors.CODES.get(code);
    return apiFault(answer.status(), code, answer.description(), data);
  }

  static MockResponse apiFault(int status, int code, String description) {
    return apiFault(status, code, description, List.of());
  }

  /** A Partner Center error body with a numeric code and {@code data} strings. */
  static MockResponse apiFault(int status, int code, String description, List<String> data) {
    return json(status, write(writer -> {
      writer.beginObject().name("code").value(code).name("description").value(description);
      writer.name("data").beginArray();
      for (String item : data) {
        writer.value(item);
      }
      writer.endArray().name("source").value("PartnerFD").endObject();
    }));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  private static MockResponse withRealm(MockResponse response) {
    return response.newBuilder().setHeader("WWW-Authenticate", REALM).build();
  }

  private interface JsonBody {
    void writeTo(JsonWriter writer) throws IOException;
  }

  private static String write(JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      body.writeTo(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
