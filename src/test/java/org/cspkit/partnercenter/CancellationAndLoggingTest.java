package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Cancelling and interrupting stop the call in flight and every retry; what gets logged. */
@Timeout(30)
class CancellationAndLoggingTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String TOKEN = "logging-test-token-value";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final List<Call> canceledCalls = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstRequest = new CountDownLatch(1);
  private final CountDownLatch secondRequest = new CountDownLatch(2);

  /** Every request waits {@code delay} and then gets a 503, so that retries would go on. */
  private PartnerCenterClient slowFailingService(Duration delay) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        arrivals.add(System.nanoTime());
        firstRequest.countDown();
        secondRequest.countDown();
        return new MockResponse.Builder()
            .code(503)
            .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .body("{\"description\":\"Busy.\"}")
            .build();
      }
    });
    OkHttpClient listening = ContractValidator.install(new OkHttpClient.Builder())
        .eventListener(new EventListener() {
          @Override
          public void canceled(Call call) {
            canceledCalls.add(call);
          }
        })
        .build();
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .httpClient(listening)
        .retryOptions(RetryOptions.builder()
            .maxAttempts(50)
            .initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(20))
            .deadline(Duration.ofSeconds(20))
            .build())
        .build();
  }

  /** No request arrived more than 100 ms after the cancel, checked half a second later. */
  private void noRequestAfter(long cancelNanos) throws InterruptedException {
    Thread.sleep(500);
    assertThat(arrivals)
        .allSatisfy(
            arrival -> assertThat((arrival - cancelNanos) / 1_000_000).isLessThanOrEqualTo(100));
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlightAndEveryRetry() throws Exception {
    PartnerCenterClient client = slowFailingService(Duration.ofMillis(300));

    CompletableFuture<CartCheckoutResult> future =
        client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
    // Cancel while the second attempt waits for its (300 ms) response, so a call is in flight.
    assertThat(secondRequest.await(5, TimeUnit.SECONDS)).isTrue();
    long cancelled = System.nanoTime();
    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    noRequestAfter(cancelled);
    assertThat(arrivals).hasSizeGreaterThanOrEqualTo(2);
    assertThat(canceledCalls).hasSize(1);
  }

  @Test
  void aReadCutOffInFlightNeverMayHaveSucceededButACheckoutMay() throws Exception {
    PartnerCenterClient client = slowFailingService(Duration.ofSeconds(5));

    CompletableFuture<?> read = client
        .orders()
        .getAsync(CUSTOMER_ID, "o-1", OrderGetParams.none(), RequestOptions.defaults());
    assertThat(firstRequest.await(5, TimeUnit.SECONDS)).isTrue();
    read.cancel(true);
    CallCancelledException readCancelled = cancellation(read);

    CompletableFuture<?> checkout = client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
    assertThat(secondRequest.await(5, TimeUnit.SECONDS)).isTrue();
    checkout.cancel(true);
    CallCancelledException checkoutCancelled = cancellation(checkout);

    assertThat(readCancelled.cutOffInFlight()).isTrue();
    assertThat(readCancelled.mayHaveSucceeded()).isFalse();
    assertThat(readCancelled.getMessage()).contains("no attempt reached Partner Center");
    assertThat(checkoutCancelled.cutOffInFlight()).isTrue();
    assertThat(checkoutCancelled.mayHaveSucceeded()).isTrue();
  }

  private static CallCancelledException cancellation(CompletableFuture<?> future) {
    Throwable failure = future.handle((value, thrown) -> thrown).join();
    assertThat(failure).isInstanceOf(CallCancelledException.class);
    return (CallCancelledException) failure;
  }

  /** A thread blocked in {@code checkout}: what it threw, and whether its interrupt flag stayed. */
  private record BlockingCaller(
      Thread thread, AtomicReference<Throwable> thrown, AtomicReference<Boolean> interruptKept) {
    static BlockingCaller start(PartnerCenterClient client, boolean interruptedBefore) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> interruptKept = new AtomicReference<>();
      Thread thread = new Thread(() -> {
        if (interruptedBefore) {
          Thread.currentThread().interrupt();
        }
        try {
          client.carts().checkout(CUSTOMER_ID, CART_ID);
        } catch (RuntimeException e) {
          thrown.set(e);
          interruptKept.set(Thread.currentThread().isInterrupted());
        }
      });
      thread.start();
      return new BlockingCaller(thread, thrown, interruptKept);
    }
  }

  @Test
  void interruptingABlockingCheckoutCancelsTheCallInFlightAndEveryRetry() throws Exception {
    PartnerCenterClient client = slowFailingService(Duration.ofSeconds(5));
    BlockingCaller caller = BlockingCaller.start(client, false);
    assertThat(firstRequest.await(5, TimeUnit.SECONDS)).isTrue();
    long interrupted = System.nanoTime();
    caller.thread().interrupt();
    caller.thread().join(5000);

    // The response would take 5 s: the call in flight was ended, not waited for. The watchdog
    // cancels it, unless Okio notices the interrupt first between two reads or writes.
    assertThat(caller.thread().isAlive()).isFalse();
    assertThat((System.nanoTime() - interrupted) / 1_000_000).isLessThan(2000);
    assertThat(caller.thrown().get())
        .isInstanceOf(TransportException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(caller.interruptKept().get()).isTrue();
    noRequestAfter(interrupted);
    assertThat(arrivals).hasSize(1);
    assertThat(canceledCalls).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void interruptingABlockingCheckoutBetweenAttemptsStopsTheRetries() throws Exception {
    slowFailingService(Duration.ZERO);
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(RetryOptions.builder()
            .maxAttempts(5)
            .initialDelay(Duration.ofSeconds(10))
            .maxDelay(Duration.ofSeconds(20))
            .deadline(Duration.ofSeconds(60))
            .build())
        .build();
    BlockingCaller caller = BlockingCaller.start(client, false);
    assertThat(firstRequest.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // the 503 is back: the caller now waits 10 s before attempt 2
    caller.thread().interrupt();
    caller.thread().join(5000);

    assertThat(caller.thread().isAlive()).isFalse();
    assertThat(caller.thrown().get())
        .isInstanceOf(TransportException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(((TransportException) caller.thrown().get()).attempts()).hasSize(1);
    assertThat(caller.interruptKept().get()).isTrue();
    assertThat(arrivals).hasSize(1);
  }

  @Test
  void aBlockingCheckoutOnAnInterruptedThreadSendsNothingThatCouldComplete() throws Exception {
    PartnerCenterClient client = slowFailingService(Duration.ofSeconds(5));
    long started = System.nanoTime();
    BlockingCaller caller = BlockingCaller.start(client, true);
    caller.thread().join(5000);

    assertThat(caller.thread().isAlive()).isFalse();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4000);
    assertThat(caller.thrown().get())
        .isInstanceOf(TransportException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(canceledCalls).hasSizeLessThanOrEqualTo(1);
  }

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level previousLevel;
  private Logger logger;

  private void captureLogs(String name, Level level) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previousLevel = logger.getLevel();
    logger.setLevel(level);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void restoreLogger() {
    if (logger != null) {
      logger.detachAppender(logs);
      logger.setLevel(previousLevel);
    }
  }

  @Test
  void debugLogsOneLinePerAttemptWithIdsStatusAndTimeButNoBodyOrToken() {
    server.enqueue(new MockResponse.Builder()
        .code(503)
        .body("{\"description\":\"secret-ish body\"}")
        .build());
    server.enqueue(
        new MockResponse.Builder().code(201).body(ResponseMappingTest.ONE_ORDER).build());
    captureLogs("org.cspkit.partnercenter", Level.DEBUG);
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(RetryOptions.builder()
            .initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(20))
            .build())
        .build();
    java.util.UUID requestId = java.util.UUID.randomUUID();
    java.util.UUID correlationId = java.util.UUID.randomUUID();

    client
        .carts()
        .checkout(
            CUSTOMER_ID,
            CART_ID,
            CheckoutParams.none(),
            RequestOptions.builder()
                .requestId(requestId)
                .correlationId(correlationId)
                .build());

    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first)
                .matches("POST /v1/customers/" + CUSTOMER_ID + "/carts/"
                    + CART_ID + "/checkout attempt 1 -> 503 in \\d+ ms \\[MS-RequestId=" + requestId
                    + ", MS-CorrelationId=" + correlationId + "]"),
            second -> assertThat(second).contains("attempt 2 -> 201 (decoded) in "));
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(line -> line.contains("secret-ish body") || line.contains(TOKEN));
  }

  @Test
  void traceLogsHeadersWithAuthorizationRedactedAndBodiesCapped() {
    String bigBody = "{\"orders\":[],\"padding\":\"" + "p".repeat(20_000) + "\"}";
    server.enqueue(new MockResponse.Builder().code(201).body(bigBody).build());
    captureLogs("org.cspkit.partnercenter.wire", Level.TRACE);
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .build();

    client.carts().checkout(CUSTOMER_ID, CART_ID);

    String logged = String.join(
        "\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged)
        .contains("--> POST ")
        .contains("Authorization: Bearer ****")
        .contains("MS-RequestId: ")
        .contains("<-- 201 ")
        .contains("\"orders\":[]")
        .doesNotContain(TOKEN)
        .doesNotContain("p".repeat(4_100));
  }
}
