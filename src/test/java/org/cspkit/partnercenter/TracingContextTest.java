package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.TracingFixtures.attempts;
import static org.cspkit.partnercenter.TracingFixtures.only;
import static org.cspkit.partnercenter.WireFixtures.QUICK;
import static org.cspkit.partnercenter.WireFixtures.statuses;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Interceptor;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * How the caller's span and MDC reach a call, read back from the OpenTelemetry SDK's in-memory
 * exporters and from a user's interceptor: a blocking call, an async checkout and every poll of an
 * async provisioning wait are children of the caller's span, an async call's attempts see the
 * caller's MDC on the client's threads, and nothing leaks to the next call. The spans and metrics
 * themselves are in {@link TracingTest}.
 */
@Timeout(30)
class TracingContextTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;

  /** The SDK with in-memory exporters; also registered as the global OpenTelemetry. */
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** What a user's interceptor saw on each request. */
  private record Seen(String thread, SpanContext span, String tenant) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  /** A client with the test's OpenTelemetry and a user interceptor that records its context. */
  private PartnerCenterClientBuilder client() {
    Interceptor watching = chain -> {
      seen.add(new Seen(
          Thread.currentThread().getName(), Span.current().getSpanContext(), MDC.get("tenant")));
      return chain.proceed(chain.request());
    };
    return TracingFixtures.client(server, OTEL.getOpenTelemetry(), watching);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, null, responses);
  }

  @Test
  void checkoutAsyncRunsItsAttemptsWithTheCallersSpanAndMdc() throws Exception {
    // The 201 comes late, so the future completes on the client's thread, after the callback
    // below is chained.
    serve(
        Scripted.json(503, "{\"description\":\"Busy.\"}"),
        Scripted.json(201, ONE_ORDER)
            .newBuilder()
            .headersDelay(300, TimeUnit.MILLISECONDS)
            .build());
    PartnerCenterClient client = client().maxAsyncConcurrency(1).build();
    Span caller =
        OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    CompletableFuture<CartCheckoutResult> future;
    CompletableFuture<SpanContext> callbackSpan;
    try (Scope ignored = caller.makeCurrent()) {
      MDC.put("tenant", "contoso");
      future = client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
      // A callback chained on the future runs in the caller's span, not in the call's.
      callbackSpan = future.thenApply(result -> Span.current().getSpanContext());
      MDC.remove("tenant");
    } finally {
      caller.end();
    }

    // Waited on first: a thread waiting on the call's own future may run its callbacks itself
    // (CompletableFuture's waiters help complete), and this one has no span.
    assertThat(callbackSpan.get(10, TimeUnit.SECONDS).getSpanId())
        .isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(future.get(10, TimeUnit.SECONDS).orders()).hasSize(1);
    List<SpanData> spans =
        OTEL.getSpans().stream().filter(s -> !s.getName().equals("caller")).toList();
    SpanData operation = only(spans, SpanKind.INTERNAL);
    assertThat(operation.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(operation.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    List<SpanData> attempts = attempts(spans);
    assertThat(attempts)
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(operation.getSpanId()));
    // The user's interceptor ran on the client's threads, in the call's span (an attempt's span
    // starts as its request is handed to a connection), with the caller's MDC.
    assertThat(seen).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(seen.get(i).thread()).startsWith("cspkit-pc-async-");
      assertThat(seen.get(i).span().getTraceId())
          .isEqualTo(caller.getSpanContext().getTraceId());
      assertThat(seen.get(i).span().getSpanId()).isEqualTo(operation.getSpanId());
      assertThat(seen.get(i).tenant()).isEqualTo("contoso");
    }

    // The next call, from a thread with neither, runs on the same pool thread: nothing leaked.
    String poolThread = seen.get(1).thread();
    seen.clear();
    serve(Scripted.json(201, ONE_ORDER));
    client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).get(10, TimeUnit.SECONDS);
    assertThat(seen).singleElement().satisfies(next -> {
      assertThat(next.thread()).isEqualTo(poolThread);
      assertThat(next.tenant()).isNull();
      assertThat(next.span().getTraceId()).isNotEqualTo(caller.getSpanContext().getTraceId());
    });
  }

  @Test
  void aBlockingCallIsAChildOfTheCallersSpan() {
    serve(Scripted.json(201, ONE_ORDER));
    Span caller =
        OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = caller.makeCurrent()) {
      client().build().carts().checkout(CUSTOMER_ID, CART_ID);
    } finally {
      caller.end();
    }

    List<SpanData> spans =
        OTEL.getSpans().stream().filter(s -> !s.getName().equals("caller")).toList();
    SpanData operation = only(spans, SpanKind.INTERNAL);
    assertThat(operation.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    SpanData attempt = only(spans, SpanKind.CLIENT);
    assertThat(attempt.getParentSpanId()).isEqualTo(operation.getSpanId());
    assertThat(seen).singleElement().satisfies(s -> {
      assertThat(s.thread()).isEqualTo(Thread.currentThread().getName());
      assertThat(s.span().getSpanId()).isEqualTo(operation.getSpanId());
    });
  }

  @Test
  void everyPollOfAnAsyncWaitIsAChildOfTheCallersSpan() throws Exception {
    serve(
        statuses("PrefulfillmentPending"),
        statuses("PrefulfillmentPending"),
        statuses("fulfilled"));
    PartnerCenterClient client = client().build();
    Span caller =
        OTEL.getOpenTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    CompletableFuture<OrderProvisioningStatusCollection> waiting;
    try (Scope ignored = caller.makeCurrent()) {
      MDC.put("tenant", "contoso");
      waiting = client
          .orders()
          .waitForProvisioningAsync(
              CUSTOMER_ID, OperationsOnTheWireTest.ORDER_ID, QUICK, RequestOptions.defaults());
    } finally {
      caller.end();
    }

    assertThat(OrdersService.anyPending(waiting.get(10, TimeUnit.SECONDS))).isFalse();
    List<SpanData> polls = OTEL.getSpans().stream()
        .filter(s -> s.getKind() == SpanKind.INTERNAL && !s.getName().equals("caller"))
        .toList();
    assertThat(polls).hasSize(3).allSatisfy(poll -> {
      assertThat(poll.getName()).isEqualTo("PartnerCenter getOrderProvisioningStatus");
      assertThat(poll.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    });
    assertThat(seen).hasSize(3).extracting(Seen::tenant).containsOnly("contoso");
  }
}
