package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;

/**
 * How each response becomes a result or a typed exception, with the faults Prism cannot make:
 * statuses, error bodies, connection and token failures, asynchronous calls, and what the
 * exceptions carry. How a success body decodes, or fails to, is in {@link SuccessBodyDecodingTest}.
 */
class ResponseMappingTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.test-token";

  static final String ONE_ORDER = """
      {"orders":[{"id":"a68736758d9c","billingCycle":"monthly","status":"pending",
        "creationDate":"2023-04-18T22:03:45.4505136Z","currencyCode":"USD",
        "lineItems":[{"lineItemNumber":0,"offerId":"CFQ7TTC0LF8S:0001:CFQ7TTC0N81H",
          "transactionType":"New","quantity":1}]}],
       "orderErrors":[],"attributes":{"objectType":"CartCheckoutResult"}}""";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return clientFor(server);
  }

  private void enqueue(int code, String body) {
    enqueueJson(server, code, body);
  }

  /** A client of {@code server} with one attempt: the response-mapping tests are per response. */
  static PartnerCenterClient clientFor(MockWebServer server) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(RetryOptions.NONE)
        .build();
  }

  static void enqueueJson(MockWebServer server, int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build());
  }

  @Test
  void a200AndA201AreBothSuccesses() {
    enqueue(200, ONE_ORDER);
    enqueue(201, ONE_ORDER);
    PartnerCenterClient client = client();

    assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
  }

  @Test
  void aThrottledResponseCarriesRetryAfterInSecondsOrAsAnHttpDate() {
    server.enqueue(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "12")
        .body(
            "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 12 seconds.\"}")
        .build());
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
    server.enqueue(new MockResponse.Builder()
        .code(429)
        .setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now))
        .setHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90)))
        .build());
    PartnerCenterClient client = client();

    ThrottledException seconds = catchThrowableOfType(
        ThrottledException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
    ThrottledException date = catchThrowableOfType(
        ThrottledException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(seconds.retryAfter()).hasValue(Duration.ofSeconds(12));
    assertThat(seconds.errorDescription())
        .isEqualTo("Rate limit is exceeded. Try again in 12 seconds.");
    assertThat(seconds.errorCode()).isEmpty();
    assertThat(date.retryAfter()).hasValue(Duration.ofSeconds(90));
    assertThat(date.serviceError()).isEmpty();
  }

  @Test
  void anHtmlPageFromAGatewayKeepsTheExceptionOfItsStatus() {
    server.enqueue(new MockResponse.Builder()
        .code(502)
        .setHeader("Content-Type", "text/html")
        .setHeader("MS-CV", "gateway.1")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
        .build());

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.serviceError()).isEmpty();
    assertThat(e.correlationVector()).isEqualTo("gateway.1");
    assertThat(e.requestId()).isNotNull();
  }

  @Test
  void anErrorCodeSentAsAStringIsKept() {
    enqueue(
        503,
        "{\"code\":\"ServiceUnavailable\",\"description\":\"Try later.\",\"source\":\"PartnerFD\"}");

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.errorCode()).isEmpty();
    assertThat(e.serviceError().orElseThrow().code()).isEqualTo("ServiceUnavailable");
    assertThat(e.errorCodeText()).hasValue("ServiceUnavailable");
    assertThat(e.getMessage())
        .startsWith("Partner Center returned 503 (ServiceUnavailable): Try later.");
  }

  @Test
  void anErrorWithAnEmptyBodyStillHasItsType() {
    server.enqueue(new MockResponse.Builder().code(400).build());

    BadRequestException e = catchThrowableOfType(
        BadRequestException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.serviceError()).isEmpty();
    assertThat(e.getMessage()).startsWith("Partner Center returned 400 [MS-RequestId=");
  }

  @Test
  void anUnlistedStatusIsThePlainRootException() {
    enqueue(417, "{\"code\":800036,\"description\":\"Pre-condition failed.\"}");

    PartnerCenterException e = catchThrowableOfType(
        PartnerCenterException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.getClass()).isEqualTo(PartnerCenterException.class);
    assertThat(e.errorCode()).hasValue(800036);
    assertThat(e.errorCodeText()).hasValue("800036");
  }

  @Test
  void aConnectionFailureIsATransportException() throws Exception {
    String url = server.url("/").toString();
    server.close();
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(url)
        .accessToken(TOKEN)
        .connectTimeout(Duration.ofSeconds(2))
        .retryOptions(RetryOptions.NONE)
        .build();
    UUID requestId = UUID.randomUUID();

    TransportException e = catchThrowableOfType(
        TransportException.class,
        () -> client
            .carts()
            .checkout(
                CUSTOMER_ID,
                CART_ID,
                CheckoutParams.none(),
                RequestOptions.builder().requestId(requestId).build()));

    assertThat(e.statusCode()).isZero();
    assertThat(e.requestId()).isEqualTo(requestId.toString());
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aFailingTokenSourceIsAnAuthenticationErrorAndSendsNothing() {
    PartnerCenterClient client = client()
        .newBuilder()
        .accessTokenSource(() -> {
          throw new IllegalStateException("AADSTS7000215: Invalid client secret provided.");
        })
        .build();

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isZero();
    assertThat(e.getCause()).hasMessageContaining("AADSTS7000215");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theTokenNeverAppearsInExceptionsOrToString() {
    enqueue(401, "{\"code\":800001,\"description\":\"Partner token is missing.\"}");
    PartnerCenterClient client = client();

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.toString()).doesNotContain(TOKEN);
    assertThat(client.toString()).doesNotContain(TOKEN);
    assertThat(AccessToken.of(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(AccessTokenSource.ofStatic(TOKEN).toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> AccessToken.of(TOKEN + "\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void asyncCheckoutCompletesWithTheResultOrTheTypedException() throws Exception {
    enqueue(201, ONE_ORDER);
    enqueue(
        400, "{\"code\":800065,\"description\":\"Cannot checkout an already submitted cart.\"}");
    PartnerCenterClient client = client();

    CartCheckoutResult result =
        client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).get(10, TimeUnit.SECONDS);
    CompletableFuture<CartCheckoutResult> failed =
        client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(BadRequestException.class);
    assertThat(catchThrowableOfType(ExecutionException.class, failed::get).getCause())
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.errorCode()).hasValue(800065));
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .headersDelay(10, TimeUnit.SECONDS)
        .body(ONE_ORDER)
        .build());
    PartnerCenterClient client = client();

    CompletableFuture<CartCheckoutResult> future =
        client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
    server.takeRequest(5, TimeUnit.SECONDS);
    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void aTypedExceptionSurvivesSerializationWithItsDetails() throws Exception {
    enqueue(
        404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\",\"data\":[\"x\"]}");
    NotFoundException thrown = catchThrowableOfType(
        NotFoundException.class, () -> client().carts().checkout(CUSTOMER_ID, CART_ID));

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(thrown);
    }
    Object copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertThat(copy).isInstanceOfSatisfying(NotFoundException.class, e -> {
      assertThat(e.details()).isEqualTo(thrown.details());
      assertThat(e.errorCode()).hasValue(800008);
      assertThat(e.errorData()).containsExactly("x");
      assertThat(e.requestId()).isEqualTo(thrown.requestId());
    });
  }
}
