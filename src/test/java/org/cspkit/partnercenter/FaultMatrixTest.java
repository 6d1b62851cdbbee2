package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault matrix, one test per row, against MockWebServer: each asserts the outcome (result or
 * exception and its fields), the number of requests, and that every attempt carried the same
 * {@code MS-RequestId}. The rows about bodies that decode although the spec does not describe
 * them (a byte-order mark, unknown enum values, unknown fields) are in {@link ResponseMappingTest}.
 */
@Timeout(30)
class FaultMatrixTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;

  /** Short waits so that the matrix runs fast; the policy is the same as the default's. */
  static final RetryOptions FAST = RetryOptions.builder()
      .maxAttempts(4)
      .initialDelay(Duration.ofMillis(20))
      .maxDelay(Duration.ofMillis(100))
      .deadline(Duration.ofSeconds(10))
      .build();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** Arrival time (nanoTime) of each request, recorded by the server. */
  private final List<Long> arrivals = new ArrayList<>();

  private PartnerCenterClient client() {
    return client(FAST, Duration.ofSeconds(10));
  }

  private PartnerCenterClient client(RetryOptions retry, Duration readTimeout) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("fault-matrix-token")
        .retryOptions(retry)
        .readTimeout(readTimeout)
        .build();
  }

  private static MockResponse json(int code, String body) {
    return Scripted.json(code, body);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, arrivals, responses);
  }

  /** Takes every recorded request and checks that they all carried one MS-RequestId. */
  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      requests.add(server.takeRequest(5, TimeUnit.SECONDS));
    }
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("MS-RequestId"))
        .containsOnly(requests.get(0).getHeaders().get("MS-RequestId"));
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsOnly("Bearer fault-matrix-token");
    return requests;
  }

  /** Serves {@code fault}, then a 201: the checkout must succeed on the second attempt. */
  private void recoversAfter(MockResponse fault, PartnerCenterClient client) throws Exception {
    serve(fault, json(201, ONE_ORDER));

    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    assertThat(requests()).hasSize(2);
  }

  private long gapMillis(int first, int second) {
    synchronized (arrivals) {
      return (arrivals.get(second) - arrivals.get(first)) / 1_000_000;
    }
  }

  @Test
  void connectionRefusedIsRetriedThenATransportExceptionThatDidNotSucceed() throws Exception {
    String url = server.url("/").toString();
    server.close();
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(url)
        .accessToken("t")
        .retryOptions(FAST)
        .build();

    TransportException e = catchThrowableOfType(
        TransportException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.attempts()).hasSize(4).allSatisfy(attempt -> {
      assertThat(attempt.statusCode()).isZero();
      assertThat(attempt.outcome()).startsWith("no response: java.net.ConnectException");
    });
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(e.getMessage()).contains("4 attempts: #1 no response");
  }

  @Test
  void aResetBeforeTheResponseIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(),
        client());
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
        client());
  }

  @Test
  void aReadTimeoutIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(201)
            .headersDelay(2, TimeUnit.SECONDS)
            .body(ONE_ORDER)
            .build(),
        client(FAST, Duration.ofMillis(300)));
  }

  @ParameterizedTest(name = "{0} then 201")
  @ValueSource(ints = {500, 502, 503, 504})
  void aServerErrorFollowedByA201Succeeds(int status) throws Exception {
    recoversAfter(
        json(status, "{\"code\":800003,\"description\":\"Unexpected error.\"}"), client());
  }

  @Test
  void a503ForeverEndsAfterMaxAttemptsListingEveryAttempt() throws Exception {
    MockResponse unavailable =
        json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}");
    serve(unavailable, unavailable, unavailable, unavailable, unavailable, unavailable);

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(4);
    assertThat(e.attempts())
        .extracting(Attempt::number, Attempt::statusCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 503),
            org.assertj.core.groups.Tuple.tuple(2, 503),
            org.assertj.core.groups.Tuple.tuple(3, 503),
            org.assertj.core.groups.Tuple.tuple(4, 503));
    assertThat(e.getMessage())
        .contains("MS-RequestId=" + e.requestId())
        .contains("4 attempts: #1 503 (ServiceUnavailable)");
    assertThat(e.mayHaveSucceeded()).isFalse();
  }

  @Test
  void a503ForeverEndsAtTheDeadlineWhateverTheMaxAttempts() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(503, "{\"description\":\"Busy.\"}");
      }
    });
    RetryOptions manyAttempts =
        FAST.newBuilder().maxAttempts(100).deadline(Duration.ofMillis(800)).build();

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class,
        () -> client(manyAttempts, Duration.ofSeconds(10)).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.attempts()).hasSizeBetween(2, 100);
    assertThat(server.getRequestCount()).isEqualTo(e.attempts().size());
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
        client());

    assertThat(gapMillis(0, 1)).isGreaterThanOrEqualTo(1000);
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
        client());

    // The header has whole seconds: two seconds after a Date in the same second, so at least 1.
    assertThat(gapMillis(0, 1)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void a429WithoutRetryAfterFallsBackToBackoff() throws Exception {
    recoversAfter(
        json(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"), client());

    assertThat(gapMillis(0, 1)).isGreaterThanOrEqualTo(15);
  }

  @Test
  void a429WithAnAbsurdRetryAfterBeyondTheDeadlineFailsAtOnce() throws Exception {
    serve(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "999999999")
        .body("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}")
        .build());

    ThrottledException e = catchThrowableOfType(
        ThrottledException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(1);
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(999999999));
    assertThat(e.attempts()).hasSize(1);
  }

  @Test
  void a409CartBeingProcessedIsRetried() throws Exception {
    recoversAfter(
        json(
            409,
            "{\"code\":800064,\"description\":\"Cart is being processed by another request.\"}"),
        client());
  }

  @Test
  void aTimedOutAttemptThenAlreadySubmittedMeansTheCheckoutMayHaveSucceeded() throws Exception {
    serve(
        new MockResponse.Builder()
            .code(201)
            .headersDelay(2, TimeUnit.SECONDS)
            .body(ONE_ORDER)
            .build(),
        json(
            400,
            "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}"));

    OutcomeUnknownException e = catchThrowableOfType(
        OutcomeUnknownException.class,
        () -> client(FAST, Duration.ofMillis(300)).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(2);
    assertThat(e.path()).contains("/carts/" + CART_ID + "/checkout");
    assertThat(e.operationId()).isEqualTo("checkoutCart");
    assertThat(e.customerId()).isEqualTo(CUSTOMER_ID);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorCode()).hasValue(800065);
    assertThat(e.attempts()).extracting(Attempt::mayHaveSucceeded).containsExactly(true, false);
    assertThat(e.getMessage()).contains(CART_ID).contains("may have succeeded");
  }

  @Test
  void alreadySubmittedWithoutAnEarlierTimeoutIsAPlainBadRequest() throws Exception {
    serve(json(
        400, "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}"));

    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void a401TwiceIsOneReplayThenTheAuthenticationException() throws Exception {
    String unauthorized = "{\"code\":800001,\"description\":\"Partner token is missing.\"}";
    serve(json(401, unauthorized), json(401, unauthorized), json(201, ONE_ORDER));
    AtomicInteger tokens = new AtomicInteger();
    PartnerCenterClient client = client()
        .newBuilder()
        .accessTokenSource(() -> AccessToken.of("token-" + tokens.incrementAndGet()))
        .build();

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(tokens).hasValue(2);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).hasValue(800001);
    // The replay with the fresh token is an attempt of its own, made at once.
    assertThat(e.attempts()).extracting(Attempt::statusCode).containsExactly(401, 401);
  }

  @Test
  void anHtml502FromAGatewayIsRetried() throws Exception {
    recoversAfter(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><h1>502 Bad Gateway</h1></html>")
            .build(),
        client());
  }

  @Test
  void anHtml502ForeverIsAServerErrorThatMayHaveSucceeded() throws Exception {
    MockResponse gateway = new MockResponse.Builder()
        .code(502)
        .setHeader("Content-Type", "text/html")
        .body("<html>Bad Gateway</html>")
        .build();
    serve(gateway, gateway, gateway, gateway);

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(4);
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.serviceError()).isEmpty();
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void truncatedJsonIsUndecodableNotRetriedAndMayHaveSucceeded() throws Exception {
    serve(json(201, ONE_ORDER.substring(0, ONE_ORDER.length() / 2)));

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(1);
    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.getMessage()).contains("may have succeeded");
  }

  @Test
  void anEmpty201BodyIsUndecodableAndMayHaveSucceeded() throws Exception {
    serve(json(201, ""));

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(requests()).hasSize(1);
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void aTenMegabyteErrorBodyIsReadOnlyUpToTheCap() throws Exception {
    StringBuilder page = new StringBuilder("{\"code\":800002,\"description\":\"");
    page.append("x".repeat(10 * 1024 * 1024)).append("\"}");
    serve(json(400, page.toString()));
    AtomicLong bytesRead = new AtomicLong();
    OkHttpClient counting = ContractValidator.install(new OkHttpClient.Builder())
        .addNetworkInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          BufferedSource counted =
              Okio.buffer(new ForwardingSource(response.body().source()) {
                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  long read = super.read(sink, byteCount);
                  if (read > 0) {
                    bytesRead.addAndGet(read);
                  }
                  return read;
                }
              });
          return response
              .newBuilder()
              .body(ResponseBody.create(
                  counted, response.body().contentType(), response.body().contentLength()))
              .build();
        })
        .build();
    PartnerCenterClient client = client().newBuilder().httpClient(counting).build();

    // Cut at the cap, the body is no error body the client can read: the status decides.
    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.serviceError()).isEmpty();
    // 64 KiB cap; the transport reads ahead by at most a few 8 KiB segments.
    assertThat(bytesRead.get()).isLessThan(128 * 1024);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aCallCanTurnRetriesOffAndANewCallGetsANewRequestId() throws Exception {
    MockResponse unavailable = json(503, "{\"description\":\"Busy.\"}");
    serve(unavailable, json(201, ONE_ORDER));
    PartnerCenterClient client = client();

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
    serve(
        json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}"),
        json(429, "{\"statusCode\":429,\"message\":\"Slow down.\"}"),
        json(201, ONE_ORDER));
    List<String> heard = new ArrayList<>();
    AttemptListener listener = (attempt, maxAttempts, retryIn) -> {
      heard.add(attempt.number() + "/" + maxAttempts + " " + attempt.statusCode() + " "
          + retryIn.isPresent());
      throw new IllegalStateException("a listener that fails changes nothing");
    };

    CartCheckoutResult result = client()
        .carts()
        .checkout(
            CUSTOMER_ID,
            CART_ID,
            CheckoutParams.none(),
            RequestOptions.builder().attemptListener(listener).build());

    assertThat(result.orders()).hasSize(1);
    assertThat(heard).containsExactly("1/4 503 true", "2/4 429 true");

    serve(json(400, "{\"code\":2000,\"description\":\"Bad.\"}"));
    heard.clear();
    assertThatExceptionOfType(BadRequestException.class)
        .isThrownBy(() -> client()
            .carts()
            .checkout(
                CUSTOMER_ID,
                CART_ID,
                CheckoutParams.none(),
                RequestOptions.builder().attemptListener(listener).build()));
    assertThat(heard).containsExactly("1/4 400 false");
  }
}
