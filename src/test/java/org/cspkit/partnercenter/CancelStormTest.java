package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelled means nothing more is sent: 2,000 {@code checkoutAsync} calls, each cancelled at a
 * random moment, against a server that answers 503 half the time and drops a tenth of the
 * connections. An OkHttp {@link EventListener} sees when each request starts to be written; the
 * server counts what arrives.
 */
@Timeout(120)
class CancelStormTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final int CHECKOUTS = 2000;
  static final int BATCH = 200;

  /**
   * MockWebServer warns of every connection that closes before a request, which hundreds of
   * cancelled checkouts do here on purpose: its log shows only SEVERE during this test.
   */
  private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  private static Level serverLogLevel;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @BeforeAll
  static void quietServer() {
    serverLogLevel = SERVER_LOG.getLevel();
    SERVER_LOG.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restoreServerLog() {
    SERVER_LOG.setLevel(serverLogLevel);
  }

  /** Requests the server received, per MS-RequestId. */
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  /** Requests whose writing started before their checkout's cancel had returned. */
  private final Map<String, AtomicInteger> startedBeforeCancelReturned = new ConcurrentHashMap<>();
  /** The MS-RequestIds whose cancel has returned. */
  private final Map<String, Boolean> cancelReturned = new ConcurrentHashMap<>();

  @Test
  void afterCancelReturnsNoRequestIsWrittenAndAnAttemptInFlightIsReportedAsPossiblySent()
      throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received
            .computeIfAbsent(request.getHeaders().get("MS-RequestId"), id -> new AtomicInteger())
            .incrementAndGet();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int roll = random.nextInt(100);
        long delay = random.nextInt(15);
        if (roll < 10) {
          return new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
        }
        if (roll < 60) {
          return new MockResponse.Builder()
              .code(503)
              .headersDelay(delay, TimeUnit.MILLISECONDS)
              .setHeader("Content-Type", "application/json")
              .body("{\"description\":\"Busy.\"}")
              .build();
        }
        return new MockResponse.Builder()
            .code(201)
            .headersDelay(delay, TimeUnit.MILLISECONDS)
            .setHeader("Content-Type", "application/json")
            .body(ResponseMappingTest.ONE_ORDER)
            .build();
      }
    });
    OkHttpClient listening = new OkHttpClient.Builder()
        .eventListener(new EventListener() {
          @Override
          public void requestHeadersStart(Call call) {
            String id = call.request().header("MS-RequestId");
            if (!cancelReturned.containsKey(id)) {
              startedBeforeCancelReturned
                  .computeIfAbsent(id, key -> new AtomicInteger())
                  .incrementAndGet();
            }
          }
        })
        .build();
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("cancel-storm-token")
        .httpClient(listening)
        .retryOptions(RetryOptions.builder()
            .maxAttempts(6)
            .initialDelay(Duration.ofMillis(2))
            .maxDelay(Duration.ofMillis(10))
            .deadline(Duration.ofSeconds(30))
            .build())
        .build();
    ScheduledExecutorService cancellers = Executors.newScheduledThreadPool(4);
    List<Cancelled> cancelled = new ArrayList<>();
    int succeeded = 0;
    int failed = 0;
    try {
      for (int start = 0; start < CHECKOUTS; start += BATCH) {
        List<CompletableFuture<CartCheckoutResult>> futures = new ArrayList<>();
        List<CompletableFuture<Boolean>> cancels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          java.util.UUID requestId = java.util.UUID.randomUUID();
          ids.add(requestId.toString());
          CompletableFuture<CartCheckoutResult> future = client
              .carts()
              .checkoutAsync(
                  CUSTOMER_ID,
                  CART_ID,
                  CheckoutParams.none(),
                  RequestOptions.builder().requestId(requestId).build());
          futures.add(future);
          CompletableFuture<Boolean> cancel = new CompletableFuture<>();
          var unused = cancellers.schedule(
              () -> {
                boolean done = future.cancel(true);
                cancelReturned.put(requestId.toString(), true);
                cancel.complete(done);
              },
              ThreadLocalRandom.current().nextInt(40_000),
              TimeUnit.MICROSECONDS);
          cancels.add(cancel);
        }
        for (int i = 0; i < BATCH; i++) {
          boolean wasCancelled = cancels.get(i).get(30, TimeUnit.SECONDS);
          try {
            futures.get(i).join();
            succeeded++;
            assertThat(wasCancelled).isFalse();
          } catch (CancellationException e) {
            assertThat(wasCancelled).isTrue();
            // Java 17's join throws it as it is; newer JDKs throw a new one with it as the cause.
            assertThat(e instanceof CallCancelledException
                    || e.getCause() instanceof CallCancelledException)
                .as("%s", e)
                .isTrue();
            cancelled.add(new Cancelled(ids.get(i), cancellationOf(futures.get(i))));
          } catch (java.util.concurrent.CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(PartnerCenterException.class);
            // A cancel that returned true always leaves its own exception in the future.
            assertThat(wasCancelled).isFalse();
            failed++;
          }
        }
      }
      // Let anything still on its way arrive before counting.
      Thread.sleep(300);
    } finally {
      cancellers.shutdownNow();
      client.close();
    }

    int cutOff = 0;
    for (Cancelled c : cancelled) {
      int arrived = received.getOrDefault(c.requestId(), new AtomicInteger()).get();
      int startedBefore = startedBeforeCancelReturned
          .getOrDefault(c.requestId(), new AtomicInteger())
          .get();
      // No request whose writing began after cancel returned ever reached the server.
      assertThat(arrived)
          .as("requests of %s that arrived", c.requestId())
          .isLessThanOrEqualTo(startedBefore);
      // A request that arrived and got no answer the client recorded means "may have succeeded".
      long answered = c.exception().attempts().stream()
          .filter(attempt -> attempt.statusCode() != 0 && !attempt.mayHaveSucceeded())
          .count();
      if (arrived > answered) {
        assertThat(c.exception().mayHaveSucceeded())
            .as("%s: %s arrived, %s answered", c.requestId(), arrived, answered)
            .isTrue();
        assertThat(c.exception().getMessage())
            .contains("may have succeeded")
            .contains(c.requestId());
      }
      // A checkout that had succeeded is a success, never reported as cancelled.
      assertThat(c.exception().attempts()).noneMatch(attempt -> attempt.statusCode() == 201);
      if (c.exception().cutOffInFlight()) {
        cutOff++;
      }
      assertThat(c.exception().attempts())
          .extracting(Attempt::number)
          .isSortedAccordingTo(Integer::compare);
    }
    assertThat(cancelled).isNotEmpty();
    System.out.printf(
        "cancel storm: %d checkouts, %d cancelled (%d cut off in flight),"
            + " %d succeeded, %d failed, %d requests received%n",
        CHECKOUTS,
        cancelled.size(),
        cutOff,
        succeeded,
        failed,
        received.values().stream().mapToInt(AtomicInteger::get).sum());
  }

  private record Cancelled(String requestId, CallCancelledException exception) {}

  /** The exception the future holds, as {@code handle} passes it on every JDK. */
  static CallCancelledException cancellationOf(CompletableFuture<?> future) {
    return (CallCancelledException) future.handle((result, failure) -> failure).join();
  }
}
