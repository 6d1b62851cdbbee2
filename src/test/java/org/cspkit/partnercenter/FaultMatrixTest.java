package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.testing.Scripted.json;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault matrix, one test per row, against MockWebServer: the rows where the checkout ends in
 * an exception (a fault that outlasts the attempts or the deadline, a {@code Retry-After} beyond
 * the deadline, the 800065 answer, a token refused twice, a body that cannot be read, an error
 * body too large to read whole) and whether it may then have succeeded. Each asserts the outcome
 * (the exception and its fields) and the number of requests; {@link FaultMatrixServer#requests()}
 * also checks that every attempt carried the same {@code MS-RequestId}. The rows where a retry
 * gets the order, and the retries a caller controls per call, are in {@link FaultRetryTest}; the
 * rows about bodies that decode although the spec does not describe them (a byte-order mark,
 * unknown enum values, unknown fields) are in {@link SuccessBodyDecodingTest}.
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

  private final FaultMatrixServer matrix = new FaultMatrixServer(server);

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
  void a503ForeverEndsAfterMaxAttemptsListingEveryAttempt() throws Exception {
    MockResponse unavailable =
        json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}");
    matrix.serve(unavailable, unavailable, unavailable, unavailable, unavailable, unavailable);

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(4);
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
        () -> matrix
            .client(manyAttempts, Duration.ofSeconds(10))
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.attempts()).hasSizeBetween(2, 100);
    assertThat(server.getRequestCount()).isEqualTo(e.attempts().size());
  }

  @Test
  void a429WithAnAbsurdRetryAfterBeyondTheDeadlineFailsAtOnce() throws Exception {
    matrix.serve(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "999999999")
        .body("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}")
        .build());

    ThrottledException e = catchThrowableOfType(
        ThrottledException.class, () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(1);
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(999999999));
    assertThat(e.attempts()).hasSize(1);
  }

  @Test
  void aTimedOutAttemptThenAlreadySubmittedMeansTheCheckoutMayHaveSucceeded() throws Exception {
    matrix.serve(
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
        () -> matrix.client(FAST, Duration.ofMillis(300)).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(2);
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
    matrix.serve(json(
        400, "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}"));

    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(matrix.requests()).hasSize(1);
  }

  @Test
  void a401TwiceIsOneReplayThenTheAuthenticationException() throws Exception {
    String unauthorized = "{\"code\":800001,\"description\":\"Partner token is missing.\"}";
    matrix.serve(json(401, unauthorized), json(401, unauthorized), json(201, ONE_ORDER));
    AtomicInteger tokens = new AtomicInteger();
    PartnerCenterClient client = matrix
        .client()
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
  void anHtml502ForeverIsAServerErrorThatMayHaveSucceeded() throws Exception {
    MockResponse gateway = new MockResponse.Builder()
        .code(502)
        .setHeader("Content-Type", "text/html")
        .body("<html>Bad Gateway</html>")
        .build();
    matrix.serve(gateway, gateway, gateway, gateway);

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(4);
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.serviceError()).isEmpty();
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void truncatedJsonIsUndecodableNotRetriedAndMayHaveSucceeded() throws Exception {
    matrix.serve(json(201, ONE_ORDER.substring(0, ONE_ORDER.length() / 2)));

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class,
        () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(1);
    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.getMessage()).contains("may have succeeded");
  }

  @Test
  void anEmpty201BodyIsUndecodableAndMayHaveSucceeded() throws Exception {
    matrix.serve(json(201, ""));

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class,
        () -> matrix.client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(matrix.requests()).hasSize(1);
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void aTenMegabyteErrorBodyIsReadOnlyUpToTheCap() throws Exception {
    StringBuilder page = new StringBuilder("{\"code\":800002,\"description\":\"");
    page.append("x".repeat(10 * 1024 * 1024)).append("\"}");
    matrix.serve(json(400, page.toString()));
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
    PartnerCenterClient client =
        matrix.client().newBuilder().httpClient(counting).build();

    // Cut at the cap, the body is no error body the client can read: the status decides.
    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.serviceError()).isEmpty();
    // 64 KiB cap; the transport reads ahead by at most a few 8 KiB segments.
    assertThat(bytesRead.get()).isLessThan(128 * 1024);
    assertThat(matrix.requests()).hasSize(1);
  }
}
