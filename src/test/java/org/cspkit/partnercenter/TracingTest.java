package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.RequestLog;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * Spans, metrics and context propagation, read back from the OpenTelemetry SDK's in-memory
 * exporters, for calls against MockWebServer whose traffic is checked against the spec.
 */
@Timeout(30)
class TracingTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final String TOKEN = "tracing-test-token-value";
  static final RetryOptions FAST = FaultMatrixTest.FAST;

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
    OkHttpClient http = ContractValidator.install(new OkHttpClient.Builder())
        .addInterceptor(watching)
        .build();
    return PartnerCenterClient.builder()
        .httpClient(http)
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(FAST)
        .openTelemetry(OTEL.getOpenTelemetry());
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, null, responses);
  }

  private static MockResponse withCv(int code, String body, String cv) {
    return Scripted.json(code, body).newBuilder().setHeader("MS-CV", cv).build();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    return new RequestLog(server).newRequests();
  }

  private static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static List<SpanData> attempts(List<SpanData> spans) {
    return spans.stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .sorted((a, b) -> Long.compare(
            a.getAttributes().get(longKey("partner_center.attempt")),
            b.getAttributes().get(longKey("partner_center.attempt"))))
        .toList();
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  private static AttributeKey<Long> longKey(String name) {
    return AttributeKey.longKey(name);
  }

  @Test
  void aCheckoutRetriedOnceIsOneOperationSpanWithTwoAttemptChildren() throws Exception {
    serve(
        withCv(503, "{\"description\":\"Busy.\"}", "cv.first.1"),
        withCv(201, ONE_ORDER, "cv.second.1"));

    CartCheckoutResult result = client().build().carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    List<RecordedRequest> requests = requests();
    assertThat(requests).hasSize(2);
    String requestId = requests.get(0).getHeaders().get("MS-RequestId");
    String correlationId = requests.get(0).getHeaders().get("MS-CorrelationId");
    List<SpanData> spans = OTEL.getSpans();
    assertThat(spans).hasSize(3);

    SpanData operation = only(spans, SpanKind.INTERNAL);
    assertThat(operation.getName()).isEqualTo("PartnerCenter checkoutCart");
    assertThat(operation.getParentSpanContext().isValid()).isFalse();
    assertThat(operation.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(operation.getInstrumentationScopeInfo().getName())
        .isEqualTo("org.cspkit.partnercenter");
    assertThat(operation.getInstrumentationScopeInfo().getVersion())
        .isEqualTo(System.getProperty("project.version"));
    Attributes attributes = operation.getAttributes();
    assertThat(attributes.get(key("partner_center.operation"))).isEqualTo("checkoutCart");
    assertThat(attributes.get(key("partner_center.request_id"))).isEqualTo(requestId);
    assertThat(attributes.get(key("partner_center.correlation_id"))).isEqualTo(correlationId);
    assertThat(attributes.get(key("partner_center.cv"))).isEqualTo("cv.second.1");
    assertThat(attributes.get(key("partner_center.outcome"))).isEqualTo("success");
    assertThat(attributes.get(longKey("partner_center.attempt_count"))).isEqualTo(2L);

    List<SpanData> attempts = attempts(spans);
    assertThat(attempts).hasSize(2);
    for (int i = 0; i < 2; i++) {
      SpanData attempt = attempts.get(i);
      assertThat(attempt.getName()).isEqualTo("POST");
      assertThat(attempt.getTraceId()).isEqualTo(operation.getTraceId());
      assertThat(attempt.getParentSpanId()).isEqualTo(operation.getSpanId());
      Attributes a = attempt.getAttributes();
      assertThat(a.get(longKey("partner_center.attempt"))).isEqualTo(i + 1L);
      assertThat(a.get(key("partner_center.request_id"))).isEqualTo(requestId);
      assertThat(a.get(key("partner_center.correlation_id"))).isEqualTo(correlationId);
      assertThat(a.get(key("http.request.method"))).isEqualTo("POST");
      assertThat(a.get(key("server.address"))).isEqualTo(server.getHostName());
      assertThat(a.get(longKey("server.port"))).isEqualTo((long) server.getPort());
      assertThat(a.get(key("url.full")))
          .isEqualTo(server
              .url("/v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout")
              .toString());
      // Each request carries its own attempt span's context, and the same MS-RequestId.
      assertThat(requests.get(i).getHeaders().get("traceparent"))
          .isEqualTo("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
              + attempt.getSpanContext().getTraceFlags().asHex());
      assertThat(requests.get(i).getHeaders().get("MS-RequestId")).isEqualTo(requestId);
    }
    Attributes first = attempts.get(0).getAttributes();
    assertThat(first.get(longKey("http.response.status_code"))).isEqualTo(503L);
    assertThat(first.get(longKey("http.request.resend_count"))).isNull();
    assertThat(first.get(key("partner_center.cv"))).isEqualTo("cv.first.1");
    assertThat(first.get(key("partner_center.outcome"))).isEqualTo("ServerErrorException");
    assertThat(first.get(key("error.type"))).isEqualTo("503");
    assertThat(attempts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    Attributes second = attempts.get(1).getAttributes();
    assertThat(second.get(longKey("http.response.status_code"))).isEqualTo(201L);
    assertThat(second.get(longKey("http.request.resend_count"))).isEqualTo(1L);
    assertThat(second.get(key("partner_center.cv"))).isEqualTo("cv.second.1");
    assertThat(second.get(key("partner_center.outcome"))).isEqualTo("success");
    assertThat(second.get(key("error.type"))).isNull();
    assertThat(attempts.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void theMetricsCountAttemptsAndTimeTheCallByOperationAndOutcome() {
    serve(withCv(503, "{\"description\":\"Busy.\"}", "cv.1"), Scripted.json(201, ONE_ORDER));

    client().build().carts().checkout(CUSTOMER_ID, CART_ID);

    Map<String, MetricData> metrics =
        OTEL.getMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    MetricData counter = metrics.get("partner_center.attempts");
    assertThat(counter).isNotNull();
    assertThat(counter.getInstrumentationScopeInfo().getName())
        .isEqualTo("org.cspkit.partnercenter");
    assertThat(counter.getLongSumData().getPoints())
        .extracting(LongPointData::getAttributes, LongPointData::getValue)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Attributes.of(
                    key("partner_center.operation"),
                    "checkoutCart",
                    key("partner_center.outcome"),
                    "ServerErrorException"),
                1L),
            org.assertj.core.groups.Tuple.tuple(
                Attributes.of(
                    key("partner_center.operation"),
                    "checkoutCart",
                    key("partner_center.outcome"),
                    "success"),
                1L));

    MetricData duration = metrics.get("partner_center.operation.duration");
    assertThat(duration).isNotNull();
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(duration.getHistogramData().getPoints()).singleElement().satisfies(point -> {
      assertThat(point.getAttributes())
          .isEqualTo(Attributes.of(
              key("partner_center.operation"),
              "checkoutCart",
              key("partner_center.outcome"),
              "success"));
      assertThat(point.getCount()).isEqualTo(1);
      assertThat(point.getSum()).isPositive();
    });

    MetricData http = metrics.get("http.client.request.duration");
    assertThat(http).isNotNull();
    assertThat(http.getUnit()).isEqualTo("s");
    assertThat(http.getHistogramData().getPoints())
        .extracting(point -> point.getAttributes().get(longKey("http.response.status_code")))
        .containsExactlyInAnyOrder(503L, 201L);
    assertThat(http.getHistogramData().getPoints())
        .extracting(HistogramPointData::getCount)
        .containsOnly(1L);
  }

  @Test
  void aServiceErrorIsAnErrorSpanWithTheExceptionTypeAndErrorCode() {
    serve(Scripted.json(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}"));

    NotFoundException e = catchThrowableOfType(
        NotFoundException.class, () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).isNotNull();
    List<SpanData> spans = OTEL.getSpans();
    SpanData operation = only(spans, SpanKind.INTERNAL);
    assertThat(operation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(operation.getAttributes().get(key("error.type")))
        .isEqualTo(NotFoundException.class.getName());
    assertThat(operation.getAttributes().get(key("partner_center.outcome")))
        .isEqualTo("NotFoundException");
    assertThat(operation.getAttributes().get(key("partner_center.error_code"))).isEqualTo("800008");
    assertThat(operation.getEvents()).extracting(EventData::getName).contains("exception");
    assertThat(operation.getEvents().get(0).getAttributes().get(key("exception.type")))
        .isEqualTo(NotFoundException.class.getName());
    SpanData attempt = only(spans, SpanKind.CLIENT);
    assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attempt.getAttributes().get(key("error.type"))).isEqualTo("404");
    assertThat(attempt.getAttributes().get(longKey("http.response.status_code")))
        .isEqualTo(404L);
  }

  @Test
  void aCheckoutWhoseAnswerIsLostIsMarkedMayHaveSucceeded() {
    serve(new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    TransportException e = catchThrowableOfType(
        TransportException.class,
        () -> client()
            .retryOptions(RetryOptions.NONE)
            .build()
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.mayHaveSucceeded()).isTrue();
    List<SpanData> spans = OTEL.getSpans();
    SpanData operation = only(spans, SpanKind.INTERNAL);
    assertThat(operation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(operation.getAttributes().get(key("partner_center.outcome")))
        .isEqualTo("may_have_succeeded");
    assertThat(operation.getAttributes().get(key("error.type")))
        .isEqualTo(TransportException.class.getName());
    SpanData attempt = only(spans, SpanKind.CLIENT);
    assertThat(attempt.getAttributes().get(key("partner_center.outcome")))
        .isEqualTo("may_have_succeeded");
    assertThat(attempt.getAttributes().get(longKey("http.response.status_code")))
        .isNull();
    assertThat(attempt.getAttributes().get(key("error.type")))
        .isEqualTo(TransportException.class.getName());
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
              CUSTOMER_ID,
              OperationsOnTheWireTest.ORDER_ID,
              OperationsOnTheWireTest.QUICK,
              RequestOptions.defaults());
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

  @Test
  void withoutAnOpenTelemetryTheGlobalOneIsUsed() throws Exception {
    serve(Scripted.json(201, ONE_ORDER));
    // The extension registered its SDK as the global OpenTelemetry.
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .build();

    client.carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(only(OTEL.getSpans(), SpanKind.INTERNAL).getName())
        .isEqualTo("PartnerCenter checkoutCart");
    assertThat(requests().get(0).getHeaders().get("traceparent")).isNotNull();
  }

  @Test
  void noTokenAppearsInAnySpan() {
    // A 401 whose description and MS-CV quote the token, twice (one fresh token and a replay).
    MockResponse echoing = withCv(
        401,
        "{\"code\":800001,\"description\":\"Token " + TOKEN + " is not valid.\"}",
        "cv." + TOKEN);
    serve(echoing, echoing);

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class,
        () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).isNotNull();
    List<SpanData> spans = OTEL.getSpans();
    assertThat(spans).hasSizeGreaterThanOrEqualTo(2);
    List<String> values = new ArrayList<>();
    for (SpanData span : spans) {
      values.add(span.getName());
      values.add(span.getStatus().getDescription());
      span.getAttributes().forEach((k, v) -> values.add(k.getKey() + "=" + v));
      for (EventData event : span.getEvents()) {
        event.getAttributes().forEach((k, v) -> values.add(k.getKey() + "=" + v));
      }
    }
    assertThat(values).anySatisfy(v -> assertThat(v).startsWith("partner_center.cv=cv."));
    assertThat(values).anySatisfy(v -> assertThat(v).startsWith("exception.stacktrace="));
    assertThat(values).noneSatisfy(v -> assertThat(v).contains(TOKEN));
  }

  @Test
  void aServerErrorExhaustingTheRetriesEndsTheSpanWithEveryAttempt() {
    Scripted.serveForever(server, Scripted.json(503, "{\"description\":\"Busy.\"}"));

    ServerErrorException e = catchThrowableOfType(
        ServerErrorException.class, () -> client().build().carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.attempts()).hasSize(FAST.maxAttempts());
    SpanData operation = only(OTEL.getSpans(), SpanKind.INTERNAL);
    assertThat(operation.getAttributes().get(longKey("partner_center.attempt_count")))
        .isEqualTo((long) FAST.maxAttempts());
    assertThat(attempts(OTEL.getSpans()))
        .hasSize(FAST.maxAttempts())
        .extracting(s -> s.getAttributes().get(longKey("http.request.resend_count")))
        .containsExactly(null, 1L, 2L, 3L);
  }

  private static MockResponse statuses(String status) {
    return Scripted.json(
        200,
        "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,\"status\":\""
            + status + "\",\"quantityProvisioningInformation\":[{\"quantity\":1,\"status\":\""
            + status + "\"}]}]}");
  }
}
