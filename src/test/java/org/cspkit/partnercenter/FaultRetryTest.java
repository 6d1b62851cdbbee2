package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.testing.Scripted.json;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retries of the fault matrix. The rows where a retry gets the order: a connection reset
 * before or in the middle of the response, a read timeout, a 5xx (JSON or a gateway's HTML), a
 * 429 (waiting as long as its {@code Retry-After} says, or backing off without one) and a 409 for
 * a cart being processed; each fault is followed by a 201, which the checkout returns after
 * exactly two requests with one {@code MS-RequestId}. Then what a caller controls per call: turning
 * retries off, and an attempt listener that hears each failed attempt. How the checkout ends when
 * a fault lasts is in {@link FaultMatrixTest}.
 */
@Timeout(30)
class FaultRetryTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final RetryOptions FAST = FaultMatrixTest.FAST;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final FaultMatrixServer matrix = new FaultMatrixServer(server);

  /** Serves {@code fault}, then a 201: the checkout must succeed on the second attempt. */
  private void recoversAfter(MockResponse fault, PartnerCenterClient client) throws Exception {
    matrix.serve(fault, json(201, ONE_ORDER));

    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    assertThat(matrix.requests()).hasSize(2);
  }

  @Test
  void aResetBeforeTheResponseIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(),
        matrix.client());
  }

  @Test
  void aResetInTheMiddleOfTheBodyIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(201)
            .setHeader("Content-Type", "application/json")
            .body(ONE_ORDER)
            .throttleBody(64, 50, TimeUnit.MILLISECONDS)
            .onResponseBody(new SocketEffect.CloseSocket())
            .build(),
        matrix.client());
  }

  @Test
  void aReadTimeoutIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(201)
            .headersDelay(2, TimeUnit.SECONDS)
            .body(ONE_ORDER)
            .build(),
        matrix.client(FAST, Duration.ofMillis(300)));
  }

  @ParameterizedTest(name = "{0} then 201")
  @ValueSource(ints = {500, 502, 503, 504})
  void aServerErrorFollowedByA201Succeeds(int status) throws Exception {
    recoversAfter(
        json(status, "{\"code\":800003,\"description\":\"Unexpected error.\"}"), matrix.client());
  }

  @Test
  void a429WithRetryAfterInSecondsWaitsThatLong() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "1")
            .body(
                "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 1 seconds.\"}")
            .build(),
        matrix.client());

    assertThat(matrix.gapMillis(0, 1)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void a429WithRetryAfterAsAnHttpDateWaitsUntilThen() throws Exception {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    recoversAfter(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now))
            .setHeader(
                "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(2)))
            .build(),
        matrix.client());

    // The header has whole seconds: two seconds after a Date in the same second, so at least 1.
    assertThat(matrix.gapMillis(0, 1)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void a429WithoutRetryAfterFallsBackToBackoff() throws Exception {
    recoversAfter(
        json(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"), matrix.client());

    assertThat(matrix.gapMillis(0, 1)).isGreaterThanOrEqualTo(15);
  }

  @Test
  void a409CartBeingProcessedIsRetried() throws Exception {
    recoversAfter(
        json(
            409,
            "{\"code\":800064,\"description\":\"Cart is being processed by another request.\"}"),
        matrix.client());
  }

  @Test
  void anHtml502FromAGatewayIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><h1>502 Bad Gateway</h1></html>")
            .build(),
        matrix.client());
  }

  @Test
  void aCallCanTurnRetriesOffAndANewCallGetsANewRequestId() throws Exception {
    MockResponse unavailable = json(503, "{\"description\":\"Busy.\"}");
    matrix.serve(unavailable, json(201, ONE_ORDER));
    PartnerCenterClient client = matrix.client();

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class,
        () -> client
            .carts()
            .checkout(
                CUSTOMER_ID,
                CART_ID,
                CheckoutParams.none(),
                RequestOptions.builder().retryOptions(RetryOptions.NONE).build()));
    CartCheckoutResult next = client.carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(e.attempts()).hasSize(1);
    assertThat(next.orders()).hasSize(1);
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getHeaders().get("MS-RequestId"))
        .isNotEqualTo(first.getHeaders().get("MS-RequestId"));
  }

  @Test
  void anAttemptListenerHearsEachFailedAttemptWithTheWaitBeforeTheNext() throws Exception {
    matrix.serve(
        json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}"),
        json(429, "{\"statusCode\":429,\"message\":\"Slow down.\"}"),
        json(201, ONE_ORDER));
    List<String> heard = new ArrayList<>();
    AttemptListener listener = (attempt, maxAttempts, retryIn) -> {
      heard.add(attempt.number() + "/" + maxAttempts + " " + attempt.statusCode() + " "
          + retryIn.isPresent());
      throw new IllegalStateException("a listener that fails changes nothing");
    };

    CartCheckoutResult result = matrix
        .client()
        .carts()
        .checkout(
            CUSTOMER_ID,
            CART_ID,
            CheckoutParams.none(),
            RequestOptions.builder().attemptListener(listener).build());

    assertThat(result.orders()).hasSize(1);
    assertThat(heard).containsExactly("1/4 503 true", "2/4 429 true");

    matrix.serve(json(400, "{\"code\":2000,\"description\":\"Bad.\"}"));
    heard.clear();
    assertThatExceptionOfType(BadRequestException.class)
        .isThrownBy(() -> matrix
            .client()
            .carts()
            .checkout(
                CUSTOMER_ID,
                CART_ID,
                CheckoutParams.none(),
                RequestOptions.builder().attemptListener(listener).build()));
    assertThat(heard).containsExactly("1/4 400 false");
  }
}
