package org.cspkit.partnercenter.internal;

import dev.failsafe.spi.Scheduler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * What a caller's thread carries that the client's own threads must carry too while they work
 * for that caller: the OpenTelemetry {@link Context} (the caller's span, baggage, and the call's
 * own span) and a copy of SLF4J's {@link MDC}. Captured once, on the caller's thread; a wrapped
 * task runs with both and then puts back what the pool thread had before, so nothing leaks into
 * the thread's next task. Immutable and thread-safe.
 */
public final class CallerContext {
  private final Context context;
  /** The caller's MDC, or null when it had none. */
  private final Map<String, String> mdc;

  private CallerContext(Context context, Map<String, String> mdc) {
    this.context = context;
    this.mdc = mdc;
  }

  /**
   * The current thread's context and a copy of its MDC.
   *
   * @return the captured context
   */
  public static CallerContext current() {
    return new CallerContext(Context.current(), MDC.getCopyOfContextMap());
  }

  /**
   * The same MDC with another OpenTelemetry context, such as the caller's with a span added.
   *
   * @param context the context tasks run in
   * @return the new carrier
   */
  CallerContext with(Context context) {
    return new CallerContext(context, mdc);
  }

  /** The OpenTelemetry context tasks run in. */
  Context context() {
    return context;
  }

  /**
   * Runs {@code task} with this context and MDC on whatever thread runs the result.
   *
   * @param task the task
   * @return the wrapped task
   */
  public Runnable wrap(Runnable task) {
    return () -> {
      Map<String, String> previous = install();
      try (Scope ignored = context.makeCurrent()) {
        task.run();
      } finally {
        restore(previous);
      }
    };
  }

  /**
   * Calls {@code task} with this context and MDC on whatever thread calls the result.
   *
   * @param task the task
   * @param <T> its result type
   * @return the wrapped task
   */
  public <T> Callable<T> wrap(Callable<T> task) {
    return () -> {
      Map<String, String> previous = install();
      try (Scope ignored = context.makeCurrent()) {
        return task.call();
      } finally {
        restore(previous);
      }
    };
  }

  /**
   * An executor that runs every task on {@code pool} with this context; shutting it down is left
   * to the owner of {@code pool}.
   *
   * @param pool the threads
   * @return the wrapping executor
   */
  public ExecutorService executor(ExecutorService pool) {
    return new AbstractExecutorService() {
      @Override
      public void execute(Runnable command) {
        pool.execute(wrap(command));
      }

      @Override
      public void shutdown() {
        throw new UnsupportedOperationException("shut the underlying pool down instead");
      }

      @Override
      public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("shut the underlying pool down instead");
      }

      @Override
      public boolean isShutdown() {
        return pool.isShutdown();
      }

      @Override
      public boolean isTerminated() {
        return pool.isTerminated();
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
      }
    };
  }

  /**
   * A Failsafe scheduler that runs every task on {@code scheduler}, after its delay, with this
   * context.
   *
   * @param scheduler the scheduler's thread, which must only hand work over
   * @return the wrapping scheduler
   */
  public Scheduler scheduler(ScheduledExecutorService scheduler) {
    return (callable, delay, unit) -> scheduler.schedule(wrap(callable), delay, unit);
  }

  private Map<String, String> install() {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    if (mdc == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(mdc);
    }
    return previous;
  }

  private static void restore(Map<String, String> previous) {
    if (previous == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }
}
