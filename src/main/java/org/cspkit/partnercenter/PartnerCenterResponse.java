package org.cspkit.partnercenter;

import java.util.List;
import java.util.Objects;
import okhttp3.Headers;
import org.cspkit.partnercenter.exception.Attempt;

/**
 * The result of a successful call together with what the response and the call tell about it:
 * the HTTP status, the response headers, the {@code MS-RequestId} and {@code MS-CorrelationId}
 * the request carried, the response's {@code MS-CV}, and every attempt. Returned by the {@code
 * …WithResponse} form of each operation (such as {@link CartsService#createWithResponse}); the
 * plain form returns {@link #value()} alone. A failed call throws a {@link
 * org.cspkit.partnercenter.exception.PartnerCenterException}, which carries the same facts.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the status, the request IDs, the
 * {@code MS-CV} and the number of attempts; it leaves out the value and the headers.
 *
 * @param <T> the type of the decoded body, such as {@link org.cspkit.partnercenter.model.Cart}
 */
public final class PartnerCenterResponse<T> {
  private final T value;
  private final int statusCode;
  private final Headers headers;
  private final String requestId;
  private final String correlationId;
  private final List<Attempt> attempts;

  /**
   * Creates a response, as the client does for each successful call (or a test double of one).
   *
   * @param value the decoded body
   * @param statusCode the HTTP status of the final response, from 200 to 299
   * @param headers the headers of the final response
   * @param requestId the {@code MS-RequestId} the request carried
   * @param correlationId the {@code MS-CorrelationId} the request carried
   * @param attempts every attempt of the call in order, the last being the successful one
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the status is not 2xx or there is no attempt
   */
  public PartnerCenterResponse(
      T value,
      int statusCode,
      Headers headers,
      String requestId,
      String correlationId,
      List<Attempt> attempts) {
    this.value = Objects.requireNonNull(value, "value");
    if (statusCode < 200 || statusCode > 299) {
      throw new IllegalArgumentException("statusCode must be from 200 to 299: " + statusCode);
    }
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
    this.attempts = List.copyOf(attempts);
    if (this.attempts.isEmpty()) {
      throw new IllegalArgumentException("attempts must not be empty");
    }
  }

  /**
   * The decoded body, the same value the operation's plain form returns.
   *
   * @return the value, never null
   */
  public T value() {
    return value;
  }

  /**
   * The HTTP status of the final response, one the operation documents (such as 201 for {@code
   * createCart}, 200 for {@code getCart}); a GET may also return another 2xx.
   *
   * @return the status, from 200 to 299
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The headers of the final response, as OkHttp received them: names match without regard to
   * case ({@code headers().get("ms-cv")}) and a name may have several values ({@code
   * values(name)}). OkHttp's transparent gzip decoding removes {@code Content-Encoding} and
   * {@code Content-Length} when it applied. A secret the client holds (the bearer token of the
   * attempt) is masked as {@code ****} should a peer echo it. Response headers only: the request's
   * {@code Authorization} header is never among them.
   *
   * @return the response headers, immutable
   */
  public Headers headers() {
    return headers;
  }

  /**
   * The {@code MS-RequestId} the request carried: the one given in {@link RequestOptions}, or the
   * one the client generated. Every attempt of the call carried this same value, Partner Center's
   * idempotency key. It is what the client sent, whatever the response echoes in its own {@code
   * MS-RequestId} header.
   *
   * @return the request ID, a GUID
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The {@code MS-CorrelationId} the request carried: the one given in {@link RequestOptions}, or
   * the one the client generated.
   *
   * @return the correlation ID, a GUID
   */
  public String correlationId() {
    return correlationId;
  }

  /**
   * The {@code MS-CV} correlation vector of the final response, for Microsoft support, as {@link
   * org.cspkit.partnercenter.exception.PartnerCenterException#correlationVector()} gives it for a
   * failure.
   *
   * @return the correlation vector, or null when the response had none
   */
  public String correlationVector() {
    return headers.get("MS-CV");
  }

  /**
   * Every attempt of the call, in order, as {@link
   * org.cspkit.partnercenter.exception.PartnerCenterException#attempts()} lists them for a
   * failure: the last is the one that succeeded (such as {@code #2 201 (decoded) in 35 ms}), any
   * before it the failures that were retried.
   *
   * @return the attempts, at least one, immutable
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Such as {@code PartnerCenterResponse[201, MS-RequestId=…, MS-CorrelationId=…, MS-CV=…,
   * attempts=2]}; without the value or the headers.
   */
  @Override
  public String toString() {
    return "PartnerCenterResponse[" + statusCode + ", MS-RequestId=" + requestId
        + ", MS-CorrelationId=" + correlationId + ", MS-CV=" + correlationVector() + ", attempts="
        + attempts.size() + "]";
  }
}
