package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.ProvisioningTimeoutException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} with calls and waits in progress: every future completes, by its result or by a
 * documented exception, within its deadline; a wait started after {@code close()} is refused at
 * once; and a wait ends by its timeout, even when Partner Center asks for a longer pause.
 */
@Timeout(120)
class CloseAndWaitsTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  private static final String PENDING = "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,"
      + "\"status\":\"PrefulfillmentPending\"}]}";
  /** Long enough that close() comes first on any machine, and well inside the test's timeout. */
  private static final Duration LONG_PAUSE = Duration.ofSeconds(20);

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("close-test-token")
        .build();
  }

  /** The exception a future completed with, waiting at most {@code limit}. */
  private static Throwable failureWithin(CompletableFuture<?> future, Duration limit)
      throws Exception {
    try {
      future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the future succeeded");
  }

  /** A 60 s deadline and {@link #LONG_PAUSE} before each retry; {@code planned} counts down then. */
  private static RequestOptions retryingAfterALongPause(CountDownLatch planned) {
    return RequestOptions.builder()
        .retryOptions(RetryOptions.builder()
            .initialDelay(LONG_PAUSE)
            .maxDelay(LONG_PAUSE)
            .jitter(0)
            .deadline(Duration.ofSeconds(60))
            .build())
        .attemptListener((attempt, max, retryIn) -> planned.countDown())
        .build();
  }

  /** Well before the next attempt or poll ({@link #LONG_PAUSE}): close() ended it, not a timer. */
  private static final Duration AT_ONCE = LONG_PAUSE.dividedBy(2);

  @Test
  void closeBetweenTwoAttemptsEndsTheAsyncCallWithTheClosedClientNamedAndTheLastAnswerKept()
      throws Exception {
    Scripted.serveForever(server, Scripted.json(503, "{}"));
    CountDownLatch retryPlanned = new CountDownLatch(1);
    RequestOptions options = retryingAfterALongPause(retryPlanned);
    PartnerCenterClient client = client();
    CompletableFuture<?> order =
        client.orders().getAsync(CUSTOMER_ID, "o-1", OrderGetParams.none(), options);
    assertThat(retryPlanned.await(30, TimeUnit.SECONDS)).isTrue();

    client.close();

    Throwable failure = failureWithin(order, AT_ONCE);
    assertThat(failure)
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("closed")
        .hasCauseInstanceOf(ServerErrorException.class);
    assertThat(((TransportException) failure).attempts()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCheckoutClosedBetweenTwoAttemptsKeepsItsRequestIdAndSaysItMayHaveSucceeded()
      throws Exception {
    // The first checkout is read, then the connection drops before the answer.
    Scripted.serveForever(
        server,
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    CountDownLatch retryPlanned = new CountDownLatch(1);
    RequestOptions options = retryingAfterALongPause(retryPlanned);
    PartnerCenterClient client = client();
    CompletableFuture<?> checkout = client
        .carts()
        .checkoutAsync(CUSTOMER_ID, ResponseMappingTest.CART_ID, CheckoutParams.none(), options);
    assertThat(retryPlanned.await(30, TimeUnit.SECONDS)).isTrue();
    String sent = server.takeRequest().getHeaders().get("MS-RequestId");

    client.close();

    Throwable failure = failureWithin(checkout, AT_ONCE);
    assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("closed");
    TransportException closed = (TransportException) failure;
    assertThat(closed.requestId()).as("the key of a safe retry").isEqualTo(sent);
    assertThat(closed.mayHaveSucceeded()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void closeBetweenTwoPollsEndsTheAsyncWait() throws Exception {
    Scripted.serveForever(server, Scripted.json(200, PENDING));
    CountDownLatch polled = new CountDownLatch(1);
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(LONG_PAUSE)
        .maxInterval(LONG_PAUSE)
        .timeout(Duration.ofSeconds(60))
        .pollListener(statuses -> polled.countDown())
        .build();
    PartnerCenterClient client = client();
    CompletableFuture<?> waiting = client
        .orders()
        .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults());
    assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();

    client.close();

    assertThat(failureWithin(waiting, AT_ONCE))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aWaitStartedAfterCloseIsRefusedAtOnceLikeEveryOtherCall() {
    PartnerCenterClient client = client();
    client.close();

    assertThatThrownBy(() -> client
            .orders()
            .waitForProvisioningAsync(
                CUSTOMER_ID, "o-1", ProvisioningWaitOptions.defaults(), RequestOptions.defaults()))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PartnerCenterClient is closed");
    assertThatThrownBy(() -> client
            .orders()
            .waitForProvisioning(
                CUSTOMER_ID, "o-1", ProvisioningWaitOptions.defaults(), RequestOptions.defaults()))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PartnerCenterClient is closed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aWaitThatTimesOutThrowsTheLastStatusesEvenWhenItsLastPollIsSlow() throws Exception {
    MockResponse slowPending = new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(PENDING)
        .headersDelay(300, TimeUnit.MILLISECONDS)
        .build();
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(Duration.ofMillis(100))
        .maxInterval(Duration.ofMillis(100))
        .timeout(Duration.ofSeconds(1))
        .build();
    Scripted.serveForever(server, slowPending);
    try (PartnerCenterClient client = client()) {
      assertThat(catchThrowableOfType(
                  ProvisioningTimeoutException.class,
                  () -> client
                      .orders()
                      .waitForProvisioning(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults()))
              .lastStatuses()
              .anyPending())
          .isTrue();
      assertThat(failureWithin(
              client
                  .orders()
                  .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults()),
              LONG_PAUSE))
          .isInstanceOfSatisfying(
              ProvisioningTimeoutException.class,
              timeout -> assertThat(timeout.lastStatuses().anyPending()).isTrue());
    }
  }

  @Test
  void aRetryAfterBeyondTheWaitsTimeoutEndsTheWaitAtOnceWithTheThrottlingError() throws Exception {
    MockResponse throttled = new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "8")
        .setHeader("Content-Type", "application/json")
        .body("{}")
        .build();
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(Duration.ofMillis(100))
        .maxInterval(Duration.ofMillis(100))
        .timeout(Duration.ofSeconds(1))
        .build();
    Scripted.serveForever(server, throttled);
    try (PartnerCenterClient client = client()) {
      assertThatThrownBy(() -> client
              .orders()
              .waitForProvisioning(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults()))
          .isInstanceOf(ThrottledException.class);
      assertThat(server.getRequestCount()).as("blocking wait").isEqualTo(1);

      assertThat(failureWithin(
              client
                  .orders()
                  .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults()),
              LONG_PAUSE))
          .isInstanceOf(ThrottledException.class);
      assertThat(server.getRequestCount()).as("both waits").isEqualTo(2);
    }
  }
}
