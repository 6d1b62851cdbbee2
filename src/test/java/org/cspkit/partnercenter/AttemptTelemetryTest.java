package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLIENT spans and the {@code partner_center.attempts} counter count the requests that were
 * handed to a connection: an attempt stopped before its request was written is neither.
 */
@Timeout(60)
class AttemptTelemetryTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  private static final String CART_ID = ResponseMappingTest.CART_ID;

  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private List<SpanData> clientSpans() {
    return OTEL.getSpans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
  }

  private long attemptsCounted() {
    return OTEL.getMetrics().stream()
        .filter(metric -> metric.getName().equals("partner_center.attempts"))
        .map(MetricData::getLongSumData)
        .flatMap(sum -> sum.getPoints().stream())
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  @Test
  void anAttemptCancelledBeforeItsRequestIsWrittenIsNeitherASpanNorCounted() throws Exception {
    Scripted.serveForever(server, Scripted.json(201, ResponseMappingTest.ONE_ORDER));
    // The caller's interceptor cancels the call as the attempt starts, before the request is
    // handed to a connection.
    CompletableFuture<CompletableFuture<?>> call = new CompletableFuture<>();
    CompletableFuture<Thread> attemptThread = new CompletableFuture<>();
    Interceptor cancelling = chain -> {
      try {
        call.get(10, TimeUnit.SECONDS).cancel(true);
        return chain.proceed(chain.request());
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new AssertionError(e);
      } finally {
        attemptThread.complete(Thread.currentThread());
      }
    };
    OkHttpClient http = ContractValidator.install(new OkHttpClient.Builder())
        .addInterceptor(cancelling)
        .build();
    try (PartnerCenterClient client = PartnerCenterClient.builder()
        .httpClient(http)
        .baseUrl(server.url("/").toString())
        .accessToken("telemetry-test-token")
        .openTelemetry(OTEL.getOpenTelemetry())
        .build()) {
      CompletableFuture<CartCheckoutResult> checkout =
          client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
      call.complete(checkout);
      // handle() sees the exception the future was completed with (get() wraps it on newer JDKs).
      assertThat(checkout.handle((result, error) -> error).get(10, TimeUnit.SECONDS))
          .isInstanceOf(CallCancelledException.class);
      // The attempt ends on its own thread after the future completed: wait until that thread
      // is back in the pool, waiting for work.
      Thread attempt = attemptThread.get(10, TimeUnit.SECONDS);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (attempt.getState() == Thread.State.RUNNABLE && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      // The same client's next call is sent: one span, one count.
      call.obtrudeValue(CompletableFuture.completedFuture(null));
      assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    }

    assertThat(server.getRequestCount()).as("requests received").isEqualTo(1);
    assertThat(clientSpans()).as("CLIENT spans").hasSize(1);
    assertThat(attemptsCounted()).as("partner_center.attempts").isEqualTo(1);
  }
}
