package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.RequestLog;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code …WithResponse} form of every operation, blocking and asynchronous, on MockWebServer:
 * a success after a retried 503 returns the final response's status, headers and {@code MS-CV},
 * the {@code MS-RequestId} and {@code MS-CorrelationId} that went on the wire (the same on both
 * attempts), and both attempts; a secret echoed in a header is masked; the future of the
 * asynchronous form is cancellable like the others. The contract validator checks all traffic.
 */
@Timeout(30)
class ResponseMetadataTest {
  static final String CUSTOMER_ID = OperationsOnTheWireTest.CUSTOMER_ID;
  static final String CART_ID = OperationsOnTheWireTest.CART_ID;
  static final String ORDER_ID = OperationsOnTheWireTest.ORDER_ID;
  static final String TOKEN = "metadata-token";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final RequestLog log = new RequestLog(server);

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(FaultMatrixTest.FAST)
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static MockResponse busy() {
    return new MockResponse.Builder()
        .code(503)
        .setHeader("Content-Type", "application/json")
        .setHeader("MS-CV", "cv.busy.1")
        .body("{\"code\":\"ServiceUnavailable\"}")
        .build();
  }

  private static MockResponse success(int code, String body) {
    return Scripted.json(code, body)
        .newBuilder()
        .setHeader("MS-CV", "cv.final.2")
        .addHeader("X-Partner-Note", "first")
        .addHeader("X-Partner-Note", "second")
        .build();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    return log.newRequests();
  }

  /** One operation's blocking and asynchronous {@code …WithResponse} forms and its success. */
  enum Operation {
    CREATE_CART(
        201,
        OperationsOnTheWireTest.CART,
        (carts, orders) -> options -> carts.createWithResponse(CUSTOMER_ID, cart(), options),
        (carts, orders) -> options -> carts.createWithResponseAsync(CUSTOMER_ID, cart(), options)),
    GET_CART(
        200,
        OperationsOnTheWireTest.CART,
        (carts, orders) -> options -> carts.getWithResponse(CUSTOMER_ID, CART_ID, options),
        (carts, orders) -> options -> carts.getWithResponseAsync(CUSTOMER_ID, CART_ID, options)),
    UPDATE_CART(
        201,
        OperationsOnTheWireTest.CART,
        (carts, orders) ->
            options -> carts.updateWithResponse(CUSTOMER_ID, CART_ID, cart(), options),
        (carts, orders) ->
            options -> carts.updateWithResponseAsync(CUSTOMER_ID, CART_ID, cart(), options)),
    CHECKOUT_CART(
        201,
        OperationsOnTheWireTest.ONE_ORDER,
        (carts, orders) -> options ->
            carts.checkoutWithResponse(CUSTOMER_ID, CART_ID, CheckoutParams.none(), options),
        (carts, orders) -> options ->
            carts.checkoutWithResponseAsync(CUSTOMER_ID, CART_ID, CheckoutParams.none(), options)),
    GET_ORDER(
        200,
        OperationsOnTheWireTest.ORDER,
        (carts, orders) -> options ->
            orders.getWithResponse(CUSTOMER_ID, ORDER_ID, OrderGetParams.none(), options),
        (carts, orders) -> options -> orders.getWithResponseAsync(
            CUSTOMER_ID, ORDER_ID, OrderGetParams.builder().includePrice(true).build(), options)),
    LIST_ORDERS(
        200,
        "{\"totalCount\":1,\"items\":[" + OperationsOnTheWireTest.ORDER + "]}",
        (carts, orders) ->
            options -> orders.listWithResponse(CUSTOMER_ID, OrderListParams.none(), options),
        (carts, orders) ->
            options -> orders.listWithResponseAsync(CUSTOMER_ID, OrderListParams.none(), options)),
    GET_PROVISIONING_STATUS(
        200,
        "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,"
            + "\"status\":\"fulfilled\",\"quantityProvisioningInformation\":[]}]}",
        (carts, orders) ->
            options -> orders.getProvisioningStatusWithResponse(CUSTOMER_ID, ORDER_ID, options),
        (carts, orders) -> options ->
            orders.getProvisioningStatusWithResponseAsync(CUSTOMER_ID, ORDER_ID, options));

    final int status;
    final String body;
    // The forms are stateless lambdas.
    @SuppressWarnings("ImmutableEnumChecker")
    final Form<PartnerCenterResponse<?>> blocking;

    @SuppressWarnings("ImmutableEnumChecker")
    final Form<CompletableFuture<? extends PartnerCenterResponse<?>>> async;

    Operation(
        int status,
        String body,
        Form<PartnerCenterResponse<?>> blocking,
        Form<CompletableFuture<? extends PartnerCenterResponse<?>>> async) {
      this.status = status;
      this.body = body;
      this.blocking = blocking;
      this.async = async;
    }

    PartnerCenterResponse<?> call(
        PartnerCenterClient client, boolean async, RequestOptions options) {
      return async
          ? this.async.of(client.carts(), client.orders()).apply(options).join()
          : blocking.of(client.carts(), client.orders()).apply(options);
    }

    static org.cspkit.partnercenter.model.Cart cart() {
      return OperationsOnTheWireTest.cart(line -> {});
    }
  }

  /** An operation's call, given the client's services. */
  @FunctionalInterface
  interface Form<R> {
    Function<RequestOptions, R> of(CartsService carts, OrdersService orders);
  }

  private void everyOperationReturnsTheMetadataAfterARetried503(boolean async)
      throws InterruptedException {
    PartnerCenterClient client = client();
    for (Operation operation : Operation.values()) {
      Scripted.serve(server, null, busy(), success(operation.status, operation.body));

      PartnerCenterResponse<?> response = operation.call(client, async, RequestOptions.defaults());

      List<RecordedRequest> sent = requests();
      assertThat(sent).as("%s", operation).hasSize(2);
      RecordedRequest first = sent.get(0);
      RecordedRequest second = sent.get(1);
      String requestId = first.getHeaders().get("MS-RequestId");
      String correlationId = first.getHeaders().get("MS-CorrelationId");
      assertThat(second.getHeaders().get("MS-RequestId")).isEqualTo(requestId);
      assertThat(second.getHeaders().get("MS-CorrelationId")).isEqualTo(correlationId);
      assertThat(response.value()).as("%s", operation).isNotNull();
      assertThat(response.statusCode()).as("%s", operation).isEqualTo(operation.status);
      assertThat(response.requestId()).as("%s", operation).isEqualTo(requestId);
      // Not given in the options: the one the client generated, as it went on the wire.
      assertThat(response.correlationId()).as("%s", operation).isEqualTo(correlationId);
      assertThat(response.correlationVector()).as("%s", operation).isEqualTo("cv.final.2");
      assertThat(response.headers().values("x-partner-note")).containsExactly("first", "second");
      assertThat(response.attempts())
          .as("%s", operation)
          .extracting(Attempt::statusCode)
          .containsExactly(503, operation.status);
      assertThat(response.attempts()).extracting(Attempt::number).containsExactly(1, 2);
    }
  }

  @Test
  void everyBlockingOperationReturnsTheFinalResponseTheSentIdsAndBothAttempts() throws Exception {
    everyOperationReturnsTheMetadataAfterARetried503(false);
  }

  @Test
  void everyAsynchronousOperationReturnsTheFinalResponseTheSentIdsAndBothAttempts()
      throws Exception {
    everyOperationReturnsTheMetadataAfterARetried503(true);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void theCallersIdsAreTheOnesReturnedAndSentOnEveryAttempt(Operation operation) throws Exception {
    Scripted.serve(server, null, busy(), success(operation.status, operation.body));
    UUID requestId = UUID.randomUUID();
    UUID correlationId = UUID.randomUUID();

    PartnerCenterResponse<?> response = operation.call(
        client(),
        false,
        RequestOptions.builder()
            .requestId(requestId)
            .correlationId(correlationId)
            .build());

    assertThat(response.requestId()).isEqualTo(requestId.toString());
    assertThat(response.correlationId()).isEqualTo(correlationId.toString());
    assertThat(requests()).hasSize(2).allSatisfy(request -> {
      assertThat(request.getHeaders().get("MS-RequestId")).isEqualTo(requestId.toString());
      assertThat(request.getHeaders().get("MS-CorrelationId")).isEqualTo(correlationId.toString());
    });
  }

  @Test
  void thePlainFormReturnsTheValueOfTheSameCall() {
    Scripted.serve(server, null, busy(), success(201, OperationsOnTheWireTest.ONE_ORDER));

    CartCheckoutResult result = client().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders())
        .singleElement()
        .satisfies(order -> assertThat(order.id()).isEqualTo(ORDER_ID));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTokenEchoedInAResponseHeaderIsMaskedAndToStringNamesOnlyTheIds() {
    Scripted.serve(
        server,
        null,
        Scripted.json(201, OperationsOnTheWireTest.ONE_ORDER)
            .newBuilder()
            .setHeader("X-Echo", "seen Bearer " + TOKEN + " here")
            .setHeader("MS-CV", "cv.echo.1")
            .build());

    PartnerCenterResponse<CartCheckoutResult> response = client()
        .carts()
        .checkoutWithResponse(
            CUSTOMER_ID, CART_ID, CheckoutParams.none(), RequestOptions.defaults());

    assertThat(response.headers().get("X-Echo")).isEqualTo("seen Bearer **** here");
    assertThat(response.headers().toString()).doesNotContain(TOKEN);
    assertThat(response.toString())
        .isEqualTo("PartnerCenterResponse[201, MS-RequestId=" + response.requestId()
            + ", MS-CorrelationId=" + response.correlationId() + ", MS-CV=cv.echo.1, attempts=1]");
    assertThat(response.attempts())
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.mayHaveSucceeded()).isFalse());
  }

  @Test
  void cancellingTheFutureOfAWithResponseCallStopsItAndNamesItsRequestId() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        arrived.countDown();
        return Scripted.json(201, OperationsOnTheWireTest.ONE_ORDER)
            .newBuilder()
            .headersDelay(20, TimeUnit.SECONDS)
            .build();
      }
    });
    CompletableFuture<PartnerCenterResponse<CartCheckoutResult>> future = client()
        .carts()
        .checkoutWithResponseAsync(
            CUSTOMER_ID, CART_ID, CheckoutParams.none(), RequestOptions.defaults());
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(future.cancel(true)).isTrue();

    Throwable failure = future.handle((response, thrown) -> thrown).join();
    List<RecordedRequest> sent = requests();
    assertThat(sent).hasSize(1);
    assertThat(failure).isInstanceOfSatisfying(CallCancelledException.class, cancelled -> {
      assertThat(cancelled.requestId()).isEqualTo(sent.get(0).getHeaders().get("MS-RequestId"));
      // The checkout had been sent and got no answer.
      assertThat(cancelled.mayHaveSucceeded()).isTrue();
    });
  }

  @Test
  void aCancelAfterTheCallSucceededKeepsTheResponse() {
    Scripted.serve(server, null, success(201, OperationsOnTheWireTest.CART));
    CompletableFuture<PartnerCenterResponse<org.cspkit.partnercenter.model.Cart>> future = client()
        .carts()
        .createWithResponseAsync(CUSTOMER_ID, Operation.cart(), RequestOptions.defaults());
    PartnerCenterResponse<org.cspkit.partnercenter.model.Cart> response = future.join();

    assertThat(future.cancel(true)).isFalse();

    assertThat(future.join()).isSameAs(response);
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.value().id()).isEqualTo(CART_ID);
  }
}
