package org.cspkit.partnercenter.bench;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import org.cspkit.partnercenter.OrderGetParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * 64 calls in flight at once from one thread, our {@code …Async} methods (64 is the client's
 * default {@code maxAsyncConcurrency}, so none waits in its queue) against the floor's own async
 * path: 64 OkHttp {@code enqueue} calls of the same bytes (its dispatcher opened to 64 per host),
 * each reading the body in its callback. One invocation starts 64 and waits for all of them; the
 * score is calls per millisecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class AsyncBurstBenchmark {
  static final int IN_FLIGHT = 64;

  @Param({"checkout", "createCart", "getOrder"})
  public String operation;

  private SideBySide clients;
  private PartnerCenterClient client;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    clients = SideBySide.start(operation);
    client = clients.client;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    clients.close();
  }

  private CompletableFuture<?> start() {
    return switch (operation) {
      case "checkout" ->
        client
            .carts()
            .checkoutAsync(PurchaseFlowBenchmark.CUSTOMER_ID, PurchaseFlowBenchmark.CART_ID);
      case "createCart" ->
        client
            .carts()
            .createAsync(
                PurchaseFlowBenchmark.CUSTOMER_ID,
                PurchaseFlowBenchmark.CART,
                RequestOptions.defaults());
      case "getOrder" ->
        client
            .orders()
            .getAsync(
                PurchaseFlowBenchmark.CUSTOMER_ID,
                PurchaseFlowBenchmark.ORDER_ID,
                OrderGetParams.none(),
                RequestOptions.defaults());
      default -> throw new IllegalArgumentException(operation);
    };
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public void ourClient() {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = start();
    }
    CompletableFuture.allOf(calls).join();
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public void rawOkHttpFloorEnqueue() {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      CompletableFuture<byte[]> done = new CompletableFuture<>();
      clients.okHttp.newCall(clients.floor.next()).enqueue(new Callback() {
        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            done.complete(response.body().bytes());
          } catch (IOException e) {
            done.completeExceptionally(e);
          }
        }

        @Override
        public void onFailure(Call call, IOException e) {
          done.completeExceptionally(e);
        }
      });
      calls[i] = done;
    }
    CompletableFuture.allOf(calls).join();
  }
}
