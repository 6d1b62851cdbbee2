package org.cspkit.partnercenter.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;

/**
 * The library's OpenTelemetry instrumentation, following the semantic conventions for HTTP
 * clients. Each call is one INTERNAL span {@code PartnerCenter <operationId>}, a child of the
 * caller's current span; each HTTP attempt is a CLIENT span named by the method ({@code POST}),
 * a child of the call's span, started as the request is handed to a connection (so an attempt
 * that sent nothing is none), whose context goes out in the request's headers through the
 * configured propagators ({@code traceparent} with W3C trace context). Metrics: the duration of
 * calls ({@value #OPERATION_DURATION}, seconds) and the number of attempts ({@value #ATTEMPTS}),
 * both by operation and outcome, and {@code http.client.request.duration} per attempt.
 *
 * <p>Attributes never hold a token: the URL is the request's (the token travels in a header),
 * with any password masked, and every value taken from a response is scrubbed of the attempt's
 * secrets. Exceptions are recorded as they are thrown to callers, whose messages hold no secret.
 * With {@link OpenTelemetry#noop()} every method does next to nothing. Thread-safe; one per
 * client.
 */
public final class Telemetry {
  /** The instrumentation scope: the tracer's and meter's name. */
  public static final String SCOPE = "org.cspkit.partnercenter";

  /** The histogram of call durations, in seconds. */
  public static final String OPERATION_DURATION = "partner_center.operation.duration";

  /** The counter of HTTP attempts. */
  public static final String ATTEMPTS = "partner_center.attempts";

  /** The semantic conventions' histogram of HTTP request durations, in seconds. */
  public static final String HTTP_CLIENT_DURATION = "http.client.request.duration";

  /** The outcome of a call or attempt that returned a result. */
  public static final String SUCCESS = "success";

  /** The outcome of a POST or PUT that may have taken effect although it failed. */
  public static final String MAY_HAVE_SUCCEEDED = "may_have_succeeded";

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("partner_center.operation");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("partner_center.outcome");
  static final AttributeKey<String> REQUEST_ID =
      AttributeKey.stringKey("partner_center.request_id");
  static final AttributeKey<String> CORRELATION_ID =
      AttributeKey.stringKey("partner_center.correlation_id");
  static final AttributeKey<String> CV = AttributeKey.stringKey("partner_center.cv");
  static final AttributeKey<String> ERROR_CODE =
      AttributeKey.stringKey("partner_center.error_code");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("partner_center.attempt");
  static final AttributeKey<Long> ATTEMPT_COUNT =
      AttributeKey.longKey("partner_center.attempt_count");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");

  /** Bucket boundaries in seconds: the semantic conventions', then up to the longest deadline. */
  private static final List<Double> BUCKETS = List.of(
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 30.0, 60.0,
      120.0, 300.0);

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final DoubleHistogram operationDuration;
  private final LongCounter attempts;
  private final DoubleHistogram requestDuration;

  /**
   * Creates the tracer and instruments of scope {@value #SCOPE} with the library's version.
   *
   * @param openTelemetry the application's OpenTelemetry, or {@link OpenTelemetry#noop()}
   */
  public Telemetry(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry
        .tracerBuilder(SCOPE)
        .setInstrumentationVersion(LibraryVersion.VERSION)
        .build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    Meter meter = openTelemetry
        .meterBuilder(SCOPE)
        .setInstrumentationVersion(LibraryVersion.VERSION)
        .build();
    this.operationDuration = meter
        .histogramBuilder(OPERATION_DURATION)
        .setDescription("Duration of Partner Center calls, from the first attempt to the result,"
            + " retries and waits included")
        .setUnit("s")
        .setExplicitBucketBoundariesAdvice(BUCKETS)
        .build();
    this.attempts = meter
        .counterBuilder(ATTEMPTS)
        .setDescription("HTTP attempts of Partner Center calls")
        .setUnit("{attempt}")
        .build();
    this.requestDuration = meter
        .histogramBuilder(HTTP_CLIENT_DURATION)
        .setDescription("Duration of HTTP client requests")
        .setUnit("s")
        .setExplicitBucketBoundariesAdvice(BUCKETS)
        .build();
  }

  /**
   * Starts the span of a call, a child of the current context, on the caller's thread.
   *
   * @param call the call
   * @return the call's telemetry
   */
  Operation start(CallInfo call) {
    CallerContext caller = CallerContext.current();
    Span span = tracer
        .spanBuilder("PartnerCenter " + call.operationId())
        .setParent(caller.context())
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(OPERATION, call.operationId())
        .setAttribute(REQUEST_ID, call.requestId())
        .setAttribute(CORRELATION_ID, call.correlationId())
        .startSpan();
    return new Operation(call, span, caller, caller.with(caller.context().with(span)));
  }

  /** The outcome attribute of a failure: may-have-succeeded, or the exception's simple name. */
  private static String outcomeOf(Throwable failure, boolean mayHaveSucceeded) {
    return mayHaveSucceeded ? MAY_HAVE_SUCCEEDED : failure.getClass().getSimpleName();
  }

  /** The telemetry of one call: its span, its start, and the context its attempts run in. */
  final class Operation {
    private final CallInfo call;
    private final Span span;
    private final CallerContext carried;
    /** The caller's own context, without the call's span: its callbacks run in it. */
    private final CallerContext caller;

    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** The {@code MS-CV} of the last response, for the call's span. */
    private volatile String correlationVector;
    /** The number of the last attempt that sent a request. */
    private volatile int lastAttempt;

    private Operation(CallInfo call, Span span, CallerContext caller, CallerContext carried) {
      this.caller = caller;
      this.call = call;
      this.span = span;
      this.carried = carried;
    }

    /**
     * The caller's context with this call's span, and the caller's MDC: what the client's threads
     * run the call's attempts and timers with.
     */
    CallerContext carried() {
      return carried;
    }

    /**
     * Makes the caller's own context current, for completing its future: the callbacks it
     * chained run in its span, not in the call's span that has ended.
     */
    // The one caller closes the scope in a try-with-resources.
    @SuppressWarnings("MustBeClosedChecker")
    Scope callerScope() {
      return caller.context().makeCurrent();
    }

    /**
     * Runs a blocking call on the calling thread with this call's span current, and ends the
     * span with its result or exception.
     */
    <T> T run(Supplier<T> attempts) {
      T result;
      try (Scope ignored = carried.context().makeCurrent()) {
        result = attempts.get();
      } catch (RuntimeException | Error e) {
        end(null, e);
        throw e;
      }
      end(result, null);
      return result;
    }

    /**
     * Ends the call's span and records its duration; only the first call counts.
     *
     * @param result the result, or null
     * @param failure the failure, or null when there is a result
     */
    void end(Object result, Throwable failure) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
      String outcome;
      if (cause == null) {
        outcome = SUCCESS;
        span.setAttribute(ATTEMPT_COUNT, (long) lastAttempt);
      } else if (cause instanceof PartnerCenterException e) {
        outcome = outcomeOf(e, e.mayHaveSucceeded());
        span.setAttribute(ATTEMPT_COUNT, (long) e.attempts().size());
        e.errorCodeText().ifPresent(code -> span.setAttribute(ERROR_CODE, code));
      } else if (cause instanceof CallCancelledException e) {
        outcome = outcomeOf(e, e.mayHaveSucceeded());
        span.setAttribute(ATTEMPT_COUNT, (long) e.attempts().size());
      } else {
        outcome = outcomeOf(cause, false);
      }
      span.setAttribute(OUTCOME, outcome);
      if (correlationVector != null) {
        span.setAttribute(CV, correlationVector);
      }
      if (cause != null) {
        span.setAttribute(ERROR_TYPE, cause.getClass().getName());
        span.recordException(cause);
        span.setStatus(StatusCode.ERROR, cause.getClass().getSimpleName());
      }
      span.end();
      operationDuration.record(
          (System.nanoTime() - startNanos) / 1e9,
          Attributes.of(OPERATION, call.operationId(), OUTCOME, outcome),
          carried.context());
    }

    /**
     * Starts the CLIENT span of an attempt, a child of the call's span.
     *
     * @param request the request, with the standard headers
     * @param number the attempt's number, from 1
     * @return the attempt's span
     */
    AttemptSpan attempt(Request request, int number) {
      lastAttempt = number;
      HttpUrl url = request.url();
      var builder = tracer
          .spanBuilder(request.method())
          .setParent(carried.context())
          .setSpanKind(SpanKind.CLIENT)
          .setAttribute(METHOD, request.method())
          .setAttribute(SERVER_ADDRESS, url.host())
          .setAttribute(SERVER_PORT, (long) url.port())
          .setAttribute(URL, Redaction.url(url))
          .setAttribute(OPERATION, call.operationId())
          .setAttribute(ATTEMPT, (long) number)
          .setAttribute(REQUEST_ID, call.requestId())
          .setAttribute(CORRELATION_ID, call.correlationId());
      if (number > 1) {
        builder.setAttribute(RESEND_COUNT, (long) number - 1);
      }
      return new AttemptSpan(this, builder.startSpan(), request);
    }
  }

  /** The span of one HTTP attempt. */
  final class AttemptSpan {
    private final Operation operation;
    private final Span span;
    private final Request request;
    private final Context context;
    private final long startNanos = System.nanoTime();

    private AttemptSpan(Operation operation, Span span, Request request) {
      this.operation = operation;
      this.span = span;
      this.request = request;
      this.context = operation.carried.context().with(span);
    }

    /**
     * The attempt's request with this span's context in its headers, as the configured
     * propagators write it ({@code traceparent}); the same request when they write nothing.
     */
    Request inject(Request request) {
      Request.Builder[] builder = new Request.Builder[1];
      propagator.inject(context, request, (carrier, key, value) -> {
        if (builder[0] == null) {
          builder[0] = request.newBuilder();
        }
        builder[0].header(key, value);
      });
      return builder[0] == null ? request : builder[0].build();
    }

    /** Makes this span current while the request is written and its response read. */
    // The one caller closes the scope in a try-with-resources.
    @SuppressWarnings("MustBeClosedChecker")
    Scope makeCurrent() {
      return context.makeCurrent();
    }

    /**
     * Ends the span with what the attempt recorded.
     *
     * @param recorded the attempt as recorded (status, may have succeeded), or null if none was
     * @param headers the response's headers, or null if none came
     * @param failure the attempt's failure, or null when it returned a result
     * @param secrets what to scrub from values taken from the response
     */
    void end(
        Attempt recorded, Headers headers, PartnerCenterException failure, List<String> secrets) {
      int status =
          recorded != null ? recorded.statusCode() : failure != null ? failure.statusCode() : 0;
      String outcome = failure == null
          ? SUCCESS
          : outcomeOf(failure, recorded != null && recorded.mayHaveSucceeded());
      String cv = headers == null ? null : headers.get("MS-CV");
      if (cv != null) {
        cv = Redaction.scrub(cv, secrets);
        span.setAttribute(CV, cv);
        operation.correlationVector = cv;
      }
      span.setAttribute(OUTCOME, outcome);
      AttributesBuilder http = Attributes.builder()
          .put(METHOD, request.method())
          .put(SERVER_ADDRESS, request.url().host())
          .put(SERVER_PORT, (long) request.url().port());
      if (status > 0) {
        span.setAttribute(STATUS, (long) status);
        http.put(STATUS, (long) status);
      }
      if (failure != null) {
        String errorType =
            status >= 400 ? Integer.toString(status) : failure.getClass().getName();
        span.setAttribute(ERROR_TYPE, errorType);
        http.put(ERROR_TYPE, errorType);
        failure.errorCodeText().ifPresent(code -> span.setAttribute(ERROR_CODE, code));
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      }
      span.end();
      requestDuration.record((System.nanoTime() - startNanos) / 1e9, http.build(), context);
      attempts.add(
          1, Attributes.of(OPERATION, operation.call.operationId(), OUTCOME, outcome), context);
    }
  }
}
