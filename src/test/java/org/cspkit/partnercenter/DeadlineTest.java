package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadline covers the whole call: waiting for a token (which an interrupt or a cancel also
 * ends), an interrupted blocking checkout whatever has gone wrong in the JVM before, and decoding,
 * which is bounded in size.
 */
@Timeout(60)
class DeadlineTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** Holds the token source until the test lets it go. */
  private final CountDownLatch release = new CountDownLatch(1);

  private final CountDownLatch fetching = new CountDownLatch(1);
  private final AtomicInteger fetches = new AtomicInteger();

  @AfterEach
  void letTheSourceGo() {
    release.countDown();
  }

  /** A token source that blocks until {@link #release}, as a slow Entra ID would. */
  private AccessTokenSource slowSource() {
    return () -> {
      fetches.incrementAndGet();
      fetching.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AccessToken.of("slow-token");
    };
  }

  /** Every request gets a 201 whose headers come after 20 seconds. */
  private void answerAfterTwentySeconds() {
    Scripted.serveForever(
        server,
        new MockResponse.Builder()
            .code(201)
            .headersDelay(20, TimeUnit.SECONDS)
            .setHeader("Content-Type", "application/json")
            .body(ResponseMappingTest.ONE_ORDER)
            .build());
  }

  /** Waits, at most 10 s, until the server has received {@code count} requests. */
  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.getRequestCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private PartnerCenterClientBuilder client(Duration deadline) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(slowSource())
        .retryOptions(RetryOptions.builder().deadline(deadline).build());
  }

  @Test
  void aSlowTokenSourceEndsTheCheckoutAtItsDeadlineAndNothingIsSent() {
    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class,
        () -> client(Duration.ofMillis(500)).build().carts().checkout(CUSTOMER_ID, CART_ID));

    // The source is still blocked: the checkout did not wait for it.
    assertThat(release.getCount()).isEqualTo(1);
    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage())
        .contains("no token within")
        .contains("deadline")
        .contains("nothing was sent");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void interruptedCallersWaitingForATokenStopAtOnceAndOneFetchServesTheRest() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .body(ResponseMappingTest.ONE_ORDER)
        .build());
    PartnerCenterClient client = client(Duration.ofSeconds(50)).build();
    List<Thread> callers = new ArrayList<>();
    List<AtomicReference<Object>> outcomes = new ArrayList<>();
    List<AtomicReference<Boolean>> interruptKept = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      AtomicReference<Object> outcome = new AtomicReference<>();
      AtomicReference<Boolean> kept = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          outcome.set(client.carts().checkout(CUSTOMER_ID, CART_ID));
        } catch (RuntimeException e) {
          outcome.set(e);
          kept.set(Thread.currentThread().isInterrupted());
        }
      });
      caller.start();
      callers.add(caller);
      outcomes.add(outcome);
      interruptKept.add(kept);
    }
    assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();

    for (int i = 1; i < 8; i++) {
      callers.get(i).interrupt();
    }
    for (int i = 1; i < 8; i++) {
      callers.get(i).join(20_000);
      assertThat(callers.get(i).isAlive())
          .as("interrupted caller %s still waiting", i)
          .isFalse();
      assertThat(outcomes.get(i).get()).isInstanceOf(TransportException.class);
      assertThat(((TransportException) outcomes.get(i).get()).getMessage()).contains("interrupted");
      assertThat(interruptKept.get(i).get()).isTrue();
    }
    assertThat(callers.get(0).isAlive()).isTrue();

    release.countDown();
    callers.get(0).join(20_000);
    assertThat(outcomes.get(0).get()).isInstanceOf(CartCheckoutResult.class);
    assertThat(fetches).hasValue(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cancellingAnAsyncCheckoutWaitingForATokenEndsItAndSendsNothing() throws Exception {
    CompletableFuture<CartCheckoutResult> future =
        client(Duration.ofSeconds(50)).build().carts().checkoutAsync(CUSTOMER_ID, CART_ID);
    assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();

    boolean cancelled = future.cancel(true);
    assertThat(cancelled)
        .as(
            "cancel; the future was %s",
            future.handle((r, t) -> r != null ? r : t).getNow(null))
        .isTrue();

    assertThat(future).isCancelled();
    CallCancelledException e = CancelStormTest.cancellationOf(future);
    assertThat(e.mayHaveSucceeded()).isFalse();
    assertThat(e.attempts()).isEmpty();
    release.countDown();
    Thread.sleep(200);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anInterruptStillCancelsTheCallAfterACancelListenerThrewAnError() throws Exception {
    // The first interrupted checkout's cancel runs an EventListener that throws an Error inside
    // the interrupt watchdog; before, that killed the watchdog for good and every later
    // interrupted checkout waited for the server.
    answerAfterTwentySeconds();
    OkHttpClient throwingListener = new OkHttpClient.Builder()
        .eventListener(new EventListener() {
          @Override
          public void canceled(Call call) {
            throw new OutOfMemoryError("simulated: the heap ran out while the call was cancelled");
          }
        })
        .build();
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("watchdog-token")
        .httpClient(throwingListener)
        .retryOptions(RetryOptions.builder().deadline(Duration.ofSeconds(50)).build())
        .build();

    for (int round = 1; round <= 3; round++) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          client.carts().checkout(CUSTOMER_ID, CART_ID);
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      caller.start();
      awaitRequests(round);
      caller.interrupt();
      caller.join(10_000);
      assertThat(caller.isAlive())
          .as("round %s: the interrupted checkout still waits", round)
          .isFalse();
      assertThat(thrown.get()).isInstanceOf(TransportException.class);
    }
  }

  @Test
  void aSuccessBodyPastTheLimitIsUndecodableNotAnError() throws Exception {
    // 64 MiB of JSON, gzipped to about 64 KiB: OkHttp inflates it as it is read.
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("{\"orders\":[],\"padding\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 64; i++) {
        gzip.write(chunk);
      }
      gzip.write("\"}".getBytes(StandardCharsets.UTF_8));
    }
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .setHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(zipped.toByteArray()))
        .build());
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("bomb-token")
        .retryOptions(RetryOptions.NONE)
        .maxResponseBodySize(1024 * 1024)
        .build();

    UndecodableResponseException e = catchThrowableOfType(
        UndecodableResponseException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.getMessage()).contains("larger than the limit of 1048576 bytes");
    assertThat(e.mayHaveSucceeded()).isTrue();
  }

  @Test
  void aResultUnderTheLimitDecodes() {
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .body(ResponseMappingTest.ONE_ORDER)
        .build());
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("small-token")
        .maxResponseBodySize(
            Math.max(1024, ResponseMappingTest.ONE_ORDER.getBytes(StandardCharsets.UTF_8).length))
        .build();

    assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
  }

  @Test
  void anAsyncCheckoutWaitingForAFreeThreadEndsAtItsDeadline() throws Exception {
    // The only async thread is held by a checkout whose answer takes 20 s.
    answerAfterTwentySeconds();
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("queue-token")
        .maxAsyncConcurrency(1)
        .retryOptions(RetryOptions.builder().deadline(Duration.ofSeconds(50)).build())
        .build();
    CompletableFuture<CartCheckoutResult> holder =
        client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
    awaitRequests(1);

    CompletableFuture<CartCheckoutResult> queued = client
        .carts()
        .checkoutAsync(
            CUSTOMER_ID,
            CART_ID,
            CheckoutParams.none(),
            RequestOptions.builder()
                .retryOptions(
                    RetryOptions.builder().deadline(Duration.ofSeconds(1)).build())
                .build());

    Throwable failure = queued.handle((result, error) -> error).get(15, TimeUnit.SECONDS);
    assertThat(failure)
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("maxAsyncConcurrency");
    assertThat(holder).isNotDone();
    assertThat(server.getRequestCount()).isEqualTo(1);
    holder.cancel(true);
  }
}
