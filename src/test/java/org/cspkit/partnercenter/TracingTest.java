package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.TracingFixtures.TOKEN;
import static org.cspkit.partnercenter.TracingFixtures.attempts;
import static org.cspkit.partnercenter.TracingFixtures.key;
import static org.cspkit.partnercenter.TracingFixtures.longKey;
import static org.cspkit.partnercenter.TracingFixtures.only;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.RequestLog;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spans and metrics of a call, read back from the OpenTelemetry SDK's in-memory exporters, for
 * calls against MockWebServer whose traffic is checked against the spec: an operation span with one
 * child per attempt, what a service error, a lost answer and exhausted retries record, the metrics,
 * the global OpenTelemetry as the default, and no token in any span. How the caller's span and MDC
 * reach a call is in {@link TracingContextTest}.
 */
@Timeout(30)
class TracingTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final RetryOptions FAST = FaultMatrixTest.FAST;

  /** The SDK with in-memory exporters; also registered as the global OpenTelemetry. */
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** A client with the test's OpenTelemetry. */
  private PartnerCenterClientBuilder client() {
    return TracingFixtures.client(server, OTEL.getOpenTelemetry());
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
}
