package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request that leaves the client is an attempt the retry policy decided on: OkHttp's own
 * re-sends (a 408, a 503 with {@code Retry-After: 0}, a failure on a reused connection),
 * redirects, and an interceptor's extra request never reach the server behind its back; each
 * request the server sees is in {@code attempts()}, within {@code maxAttempts}.
 */
@Timeout(30)
class NoHiddenRequestsTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final String ALREADY_SUBMITTED =
      "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}";

  static final RetryOptions FAST = FaultMatrixTest.FAST;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @StartStop
  public final MockWebServer elsewhere = new MockWebServer();

  private PartnerCenterClientBuilder client(RetryOptions retry) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("hidden-requests-token")
        .retryOptions(retry);
  }

  private static MockResponse json(int code, String body) {
    return Scripted.json(code, body);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, null, responses);
  }

  private void serveForever(MockResponse response) {
    Scripted.serveForever(server, response);
  }

  @Test
  void a408WithOneAttemptAllowedSendsOneRequest() {
    serveForever(json(408, "{\"description\":\"Request timeout.\"}"));

    PartnerCenterException e = catchThrowableOfType(
        PartnerCenterException.class,
        () -> client(RetryOptions.NONE).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(408);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(e.attempts()).hasSize(1);
  }

  @Test
  void a408ForeverSendsExactlyMaxAttemptsRequestsAllRecorded() {
    serveForever(json(408, "{\"description\":\"Request timeout.\"}"));

    PartnerCenterException e = catchThrowableOfType(
        PartnerCenterException.class,
        () -> client(FAST).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(e.attempts()).extracting(Attempt::statusCode).containsExactly(408, 408, 408, 408);
    assertThat(e.getMessage()).contains("4 attempts");
  }

  @Test
  void a503WithRetryAfterZeroIsNotResentBehindThePolicysBack() {
    serve(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "0")
            .setHeader("MS-CV", "busy.1")
            .setHeader("Content-Type", "application/json")
            .body("{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}")
            .build(),
        json(201, ONE_ORDER));

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class,
        () -> client(RetryOptions.NONE).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.correlationVector()).isEqualTo("busy.1");
    assertThat(e.attempts()).hasSize(1);
  }

  @Test
  void a503WithRetryAfterZeroIsRetriedAsACountedAttempt() {
    serve(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build(),
        json(201, ONE_ORDER));

    CartCheckoutResult result = client(FAST).build().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailureOnAReusedConnectionIsNotSilentlyResent() {
    // The first checkout leaves a kept-alive connection in the pool; the second is received on it
    // and the connection drops before an answer. OkHttp would re-send it on a new connection.
    serve(
        json(201, ONE_ORDER),
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(),
        json(201, ONE_ORDER));
    PartnerCenterClient client = client(RetryOptions.NONE).build();
    client.carts().checkout(CUSTOMER_ID, CART_ID);

    TransportException e = catchThrowableOfType(
        TransportException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(e.attempts()).hasSize(1);
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void aCommittedAttemptWhoseConnectionDropsThenAlreadySubmittedIsAnUnknownOutcome() {
    // The worst case seen: 503 on a kept-alive connection; the next attempt reaches the service,
    // which commits the orders, and the connection drops; the attempt after that gets 800065.
    serve(
        json(503, "{\"description\":\"Busy.\"}"),
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(),
        json(400, ALREADY_SUBMITTED));

    OutcomeUnknownException e = catchThrowableOfType(
        OutcomeUnknownException.class,
        () -> client(FAST).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(e.attempts()).extracting(Attempt::statusCode).containsExactly(503, 0, 400);
    assertThat(e.attempts())
        .extracting(Attempt::mayHaveSucceeded)
        .containsExactly(false, true, false);
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectIsATypedFailureAndNeverFollowed(int status) {
    elsewhere.enqueue(json(201, ONE_ORDER));
    serveForever(new MockResponse.Builder()
        .code(status)
        .setHeader(
            "Location",
            elsewhere.url("/v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout"))
        .build());

    PartnerCenterException e = catchThrowableOfType(
        PartnerCenterException.class,
        () -> client(FAST).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aCallersOkHttpClientCannotSendBehindThePolicysBack() {
    // The caller's client follows redirects, retries on connection failure, and has an
    // interceptor that sends a request again on a 503: the derived client does none of that.
    elsewhere.enqueue(json(201, ONE_ORDER));
    serve(
        json(503, "{\"description\":\"Busy.\"}"),
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", elsewhere.url("/"))
            .build(),
        json(201, ONE_ORDER));
    List<Integer> seenByInterceptor = new ArrayList<>();
    OkHttpClient callers = new OkHttpClient.Builder()
        .followRedirects(true)
        .followSslRedirects(true)
        .retryOnConnectionFailure(true)
        .addInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          seenByInterceptor.add(response.code());
          if (response.code() == 503) {
            response.close();
            return chain.proceed(chain.request());
          }
          return response;
        })
        .build();

    PartnerCenterException e = catchThrowableOfType(
        PartnerCenterException.class,
        () -> client(RetryOptions.NONE)
            .httpClient(callers)
            .build()
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.attempts()).hasSize(1);

    PartnerCenterException redirect = catchThrowableOfType(
        PartnerCenterException.class,
        () -> client(RetryOptions.NONE)
            .httpClient(callers)
            .build()
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(elsewhere.getRequestCount()).isZero();
    assertThat(seenByInterceptor).containsExactly(503, 307);
  }

  @Test
  void everyRequestTheServerSawIsAnAttemptWithinTheDeadline() throws Exception {
    serveForever(json(503, "{\"description\":\"Busy.\"}"));
    RetryOptions many = RetryOptions.builder()
        .maxAttempts(100)
        .initialDelay(Duration.ofMillis(5))
        .maxDelay(Duration.ofMillis(20))
        .deadline(Duration.ofSeconds(1))
        .build();

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class,
        () -> client(many).build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(e.attempts().size());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < server.getRequestCount(); i++) {
      ids.add(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("MS-RequestId"));
    }
    assertThat(ids).containsOnly(e.requestId());
  }
}
