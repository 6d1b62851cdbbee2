package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.CheckoutWithoutClose;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client holds and gives back: {@code close()} ends the threads the client started and
 * refuses later calls, an {@code OkHttpClient} passed in is left alone, a program that never
 * closes its client still exits, and {@code checkoutAsync} never has more attempts in flight (or
 * threads alive) than {@code maxAsyncConcurrency}.
 */
@Timeout(120)
class LifecycleTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final String TOKEN = "lifecycle-test-token";
  static final String ASYNC_THREADS = "cspkit-pc-async-";
  static final String TOKEN_THREADS = "cspkit-pc-token-";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private static MockResponse created() {
    return new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(ONE_ORDER)
        .build();
  }

  private void serveForever(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  /** {@code cspkit-pc-async-3-7} becomes {@code cspkit-pc-async-3-}: one client's. */
  private static String poolPrefix(String threadName) {
    return threadName.substring(0, threadName.lastIndexOf('-') + 1);
  }

  private static List<String> liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .map(Thread::getName)
        .sorted()
        .toList();
  }

  /** Polls for up to 10 seconds until no live thread's name starts with {@code prefix}. */
  private static List<String> threadsLeftAfterPolling(String prefix) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> left = liveThreads(prefix);
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
      left = liveThreads(prefix);
    }
    return left;
  }

  @Test
  void closeEndsTheClientsThreadsRefusesLaterCallsAndMayBeRepeated() throws Exception {
    // Every request waits for the test, so that each future completes on an attempt thread.
    CountDownLatch answer = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        try {
          answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return created();
      }
    });
    Set<String> tokenThreads = ConcurrentHashMap.newKeySet();
    Set<String> completionThreads = ConcurrentHashMap.newKeySet();
    // The client's own OkHttpClient: close() releases that too.
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(() -> {
          tokenThreads.add(Thread.currentThread().getName());
          return AccessToken.of(TOKEN);
        })
        .maxAsyncConcurrency(4)
        .build();

    List<CompletableFuture<CartCheckoutResult>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).thenApply(result -> {
        completionThreads.add(Thread.currentThread().getName());
        return result;
      }));
    }
    answer.countDown();
    for (CompletableFuture<CartCheckoutResult> future : futures) {
      assertThat(future.get(30, TimeUnit.SECONDS).orders()).hasSize(1);
    }
    assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    int requestsBeforeClose = server.getRequestCount();
    assertThat(requestsBeforeClose).isEqualTo(7);

    assertThat(completionThreads)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).startsWith(ASYNC_THREADS));
    Set<String> asyncPrefixes =
        completionThreads.stream().map(LifecycleTest::poolPrefix).collect(Collectors.toSet());
    assertThat(asyncPrefixes).as("one pool per client").hasSize(1);
    String asyncPrefix = asyncPrefixes.iterator().next();
    assertThat(tokenThreads)
        .hasSize(1)
        .allSatisfy(name -> assertThat(name).startsWith(TOKEN_THREADS));
    String tokenPrefix = poolPrefix(tokenThreads.iterator().next());
    assertThat(liveThreads(asyncPrefix)).as("attempt threads before close()").isNotEmpty();

    client.close();

    assertThat(threadsLeftAfterPolling(asyncPrefix))
        .as("attempt threads after close()")
        .isEmpty();
    assertThat(threadsLeftAfterPolling(tokenPrefix))
        .as("token thread after close()")
        .isEmpty();
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, CART_ID))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PartnerCenterClient is closed");
    assertThatThrownBy(() -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PartnerCenterClient is closed");
    assertThatCode(client::close).as("a second close()").doesNotThrowAnyException();
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, CART_ID))
        .isExactlyInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount())
        .as("requests after close()")
        .isEqualTo(requestsBeforeClose);
  }

  @Test
  void anOkHttpClientPassedInIsLeftAloneByClose() throws Exception {
    serveForever(created());
    // Not the contract validator's client: the plain request below is outside the API.
    OkHttpClient shared = new OkHttpClient();
    Request plain = new Request.Builder().url(server.url("/health")).build();
    // The caller's own asynchronous call: the shared dispatcher now has an executor in use.
    assertThat(enqueue(shared, plain)).isEqualTo(201);

    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .httpClient(shared)
        .build();
    assertThat(client
            .carts()
            .checkoutAsync(CUSTOMER_ID, CART_ID)
            .get(30, TimeUnit.SECONDS)
            .orders())
        .hasSize(1);
    assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    int idleBeforeClose = shared.connectionPool().idleConnectionCount();
    assertThat(idleBeforeClose).as("idle connections in the shared pool").isPositive();

    client.close();

    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(shared.connectionPool().idleConnectionCount())
        .as("idle connections after close()")
        .isEqualTo(idleBeforeClose);
    try (Response response = shared.newCall(plain).execute()) {
      assertThat(response.code()).isEqualTo(201);
    }
    assertThat(enqueue(shared, plain)).isEqualTo(201);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  /** Sends {@code request} with {@link Call#enqueue}, on the client's dispatcher threads. */
  private static int enqueue(OkHttpClient client, Request request) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          status.complete(response.code());
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        status.completeExceptionally(e);
      }
    });
    return status.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aProgramThatNeverClosesItsClientExitsPromptly(@TempDir Path dir) throws Exception {
    serveForever(created());
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire's class path may be a jar whose manifest lists the test class path: still usable.
    Process process = new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CheckoutWithoutClose.class.getName(),
            server.url("/").toString())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();

    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(exited).as("the JVM exited within 30 s; stderr: %s", stderr).isTrue();
    assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isZero();
    assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).as("stdout").contains("1");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void checkoutAsyncNeverHasMoreAttemptsInFlightOrThreadsAliveThanTheLimit() throws Exception {
    int limit = 8;
    int checkouts = 1_000;
    AtomicInteger inProgress = new AtomicInteger();
    AtomicInteger maxInProgress = new AtomicInteger();
    MockResponse created = created();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          inProgress.decrementAndGet();
        }
        return created;
      }
    });
    // Live attempt threads per client (per name prefix), sampled while the checkouts run.
    Map<String, Integer> maxThreads = new ConcurrentHashMap<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(
        () -> {
          while (sampling.get()) {
            Map<String, Long> live = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(ASYNC_THREADS))
                .collect(Collectors.groupingBy(
                    thread -> poolPrefix(thread.getName()), Collectors.counting()));
            live.forEach((prefix, count) -> maxThreads.merge(prefix, count.intValue(), Math::max));
            try {
              Thread.sleep(1);
            } catch (InterruptedException e) {
              return;
            }
          }
        },
        "lifecycle-thread-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Set<String> completionThreads = ConcurrentHashMap.newKeySet();

    try (PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .maxAsyncConcurrency(limit)
        .build()) {
      List<CompletableFuture<CartCheckoutResult>> futures = new ArrayList<>();
      for (int i = 0; i < checkouts; i++) {
        futures.add(client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).thenApply(result -> {
          completionThreads.add(Thread.currentThread().getName());
          return result;
        }));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
      assertThat(futures)
          .allSatisfy(future -> assertThat(future.join().orders()).hasSize(1));
    } finally {
      sampling.set(false);
      sampler.join(10_000);
    }

    assertThat(server.getRequestCount()).isEqualTo(checkouts);
    assertThat(maxInProgress.get())
        .as("most requests in progress at the server")
        .isBetween(1, limit);
    Set<String> prefixes = completionThreads.stream()
        .filter(name -> name.startsWith(ASYNC_THREADS))
        .map(LifecycleTest::poolPrefix)
        .collect(Collectors.toSet());
    assertThat(prefixes).as("the client's attempt threads").hasSize(1);
    String prefix = prefixes.iterator().next();
    assertThat(maxThreads.get(prefix))
        .as("most live threads named %s*", prefix)
        .isNotNull()
        .isBetween(1, limit);
  }
}
