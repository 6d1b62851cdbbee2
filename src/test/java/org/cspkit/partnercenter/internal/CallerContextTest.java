package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A pool thread runs a caller's task with the caller's OpenTelemetry context and MDC, and has its
 * own back for whatever it runs next.
 */
class CallerContextTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    MDC.clear();
  }

  private record Seen(Map<String, String> mdc, SpanContext span) {}

  private static Seen seen() {
    return new Seen(MDC.getCopyOfContextMap(), Span.current().getSpanContext());
  }

  @Test
  void aWrappedTaskSeesTheCallersContextAndThePoolThreadGetsItsOwnBack() throws Exception {
    pool.submit(() -> MDC.put("pool", "own")).get();
    SpanContext callerSpan = SpanContext.create(
        "0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331",
        TraceFlags.getSampled(),
        TraceState.getDefault());
    CallerContext caller;
    try (Scope ignored = Context.root().with(Span.wrap(callerSpan)).makeCurrent()) {
      MDC.put("tenant", "contoso");
      caller = CallerContext.current();
    }

    AtomicReference<Seen> inside = new AtomicReference<>();
    caller.executor(pool).submit(() -> inside.set(seen())).get(5, TimeUnit.SECONDS);
    Seen after = pool.submit(CallerContextTest::seen).get(5, TimeUnit.SECONDS);

    assertThat(inside.get().mdc()).isEqualTo(Map.of("tenant", "contoso"));
    assertThat(inside.get().span()).isEqualTo(callerSpan);
    assertThat(after.mdc()).isEqualTo(Map.of("pool", "own"));
    assertThat(after.span().isValid()).isFalse();
  }

  @Test
  void aCallerWithoutMdcRunsItsTaskWithAnEmptyOne() throws Exception {
    pool.submit(() -> MDC.put("pool", "own")).get();
    MDC.clear();
    CallerContext caller = CallerContext.current();

    AtomicReference<Seen> inside = new AtomicReference<>();
    caller.wrap(() -> inside.set(seen())).run();
    pool.submit(caller.wrap(() -> inside.set(seen()))).get(5, TimeUnit.SECONDS);

    assertThat(inside.get().mdc()).isNullOrEmpty();
    assertThat(pool.submit(CallerContextTest::seen).get(5, TimeUnit.SECONDS).mdc())
        .isEqualTo(Map.of("pool", "own"));
  }
}
