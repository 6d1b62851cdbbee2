package org.cspkit.partnercenter.internal;

import dev.failsafe.FailsafeExecutor;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;

/**
 * The future of an asynchronous call. Its attempts run on the client's threads under Failsafe;
 * the deadline ends it while it waits for a thread; the client's close ends it when no attempt is
 * in flight; completing it by any other means (a timeout, {@code completeExceptionally}) stops
 * the call. Cancelling it stops the call: once {@code cancel} returns, no attempt starts and no
 * request byte is written, and it holds a {@link CallCancelledException} that says whether an
 * attempt may have reached Partner Center. Its span ends before the caller sees the outcome.
 * Thread-safe.
 *
 * @param <T> what it holds: the result, or the result with its response
 */
final class AsyncCall<T> extends CompletableFuture<T> {
  private final PipelineCall call;
  /** What the future holds of a success: the response, or its value. */
  private final Function<PartnerCenterResponse<?>, T> shape;

  private volatile CompletableFuture<AttemptOutcome> retries;

  private AsyncCall(PipelineCall call, Function<PartnerCenterResponse<?>, T> shape) {
    this.call = call;
    this.shape = shape;
  }

  /**
   * Starts a call's attempts and returns its future.
   *
   * @param call the call
   * @param shape what the future holds of the response
   * @param attempts Failsafe with the call's retry policy, on the client's threads
   * @param deadlines the scheduler that ends the call at its deadline
   * @param pipeline the client's pipeline, which ends the future on close
   * @param <T> what the future holds
   * @return the future
   */
  // FutureReturnValueIgnored: the whenComplete stages are callbacks only.
  @SuppressWarnings("FutureReturnValueIgnored")
  static <T> AsyncCall<T> start(
      PipelineCall call,
      Function<PartnerCenterResponse<?>, T> shape,
      FailsafeExecutor<AttemptOutcome> attempts,
      ScheduledExecutorService deadlines,
      Pipeline pipeline) {
    AsyncCall<T> future = new AsyncCall<>(call, shape);
    call.future(future);
    CallerContext caller = call.operation().carried();
    CompletableFuture<AttemptOutcome> retries = attempts.getAsync(call::attempt);
    future.retries = retries;
    retries.whenComplete(future::attemptsEnded);
    pipeline.endOnClose(future, future::clientClosed);
    // An attempt in flight is cut at the deadline by its call timeout; one still waiting for a
    // free thread (maxAsyncConcurrency) is not, so the deadline also ends the call here.
    ScheduledFuture<?> deadline = deadlines.schedule(
        caller.wrap(future::deadlinePassed),
        call.options().deadline().toNanos(),
        TimeUnit.NANOSECONDS);
    // The future ends the call's span as it completes; this catches any other completion.
    future.whenComplete(call.operation()::end);
    // Completed by anyone else (a timeout, completeExceptionally): stop the call as well.
    future.whenComplete((result, error) -> {
      deadline.cancel(false);
      if (!call.finished()) {
        call.cancel();
        call.interruptWaitAndCall();
        retries.cancel(false);
      }
    });
    return future;
  }

  void succeed(PartnerCenterResponse<?> response) {
    complete(shape.apply(response));
  }

  /** Ends the call's span first, so that it is recorded when the caller sees the result. */
  @Override
  public boolean complete(T value) {
    call.operation().end(value, null);
    try (Scope callers = call.operation().callerScope()) {
      return super.complete(value);
    }
  }

  /** Ends the call's span first, so that it is recorded when the caller sees the failure. */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    call.operation().end(null, failure);
    try (Scope callers = call.operation().callerScope()) {
      return super.completeExceptionally(failure);
    }
  }

  /**
   * Stops the call before completing: once this returns, no attempt starts and no request byte
   * is written. Completes with a {@link CallCancelledException}, a {@link CancellationException}
   * that tells whether an attempt may have reached Partner Center.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return isCancelled();
    }
    // Completed before the token wait and the call in flight are interrupted; from the flag on,
    // the attempt's own ending ("Socket closed", "cancelled") no longer completes the future.
    CallCancelledException cancelled = call.cancel();
    PartnerCenterResponse<?> succeeded = call.succeededResult();
    if (succeeded != null) {
      // The call had already succeeded: that is its outcome, not a cancellation.
      succeed(succeeded);
      return isCancelled();
    }
    boolean done = completeExceptionally(cancelled);
    call.interruptWaitAndCall();
    stopRetries();
    return done || isCancelled();
  }

  /** Cancels Failsafe's scheduling of further attempts. */
  void stopRetries() {
    CompletableFuture<AttemptOutcome> running = retries;
    if (running != null) {
      running.cancel(false);
    }
  }

  /** Completes this future from what Failsafe ended with. */
  private void attemptsEnded(AttemptOutcome outcome, Throwable error) {
    call.finish();
    if (call.cancelledFlag().get()) {
      // Cancelled: the canceller completes the future, with the result if there was one.
      return;
    }
    if (error == null) {
      try {
        succeed(call.resultOf(outcome));
      } catch (PartnerCenterException failure) {
        completeExceptionally(failure);
      }
      return;
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (!(cause instanceof CancellationException)) {
      completeExceptionally(call.unexpected(cause));
    }
  }

  /**
   * On the client's close: a call with no attempt in flight ends now, with its last failure as
   * the cause; one in flight ends as its attempt does.
   */
  void clientClosed() {
    if (isDone() || call.attemptInFlight() || call.succeededResult() != null) {
      return;
    }
    CallRecord record = call.record();
    if (!record.attempts().isEmpty() && !call.retryPlanned()) {
      // The last attempt ended the call: its outcome completes the future.
      return;
    }
    PartnerCenterException failure = call.closedBeforeNext(record.lastFailure());
    failure.initAttempts(record.attempts());
    if (completeExceptionally(failure)) {
      call.interruptWaitAndCall();
      stopRetries();
    }
  }

  /**
   * At the deadline: a call with no attempt in flight (one waiting for a free thread or a retry's
   * turn) ends now with a {@link TransportException}; one in flight ends by itself, as its call
   * timeout is the deadline too.
   */
  private void deadlinePassed() {
    if (isDone() || call.finished() || call.attemptInFlight()) {
      return;
    }
    call.cancelledFlag().set(true);
    TransportException late = call.stopped(
        "the deadline of " + call.options().deadline().toMillis()
            + " ms passed while the call waited for one of the client's threads"
            + " (maxAsyncConcurrency)",
        null);
    late.initAttempts(call.record().attempts());
    if (completeExceptionally(late)) {
      call.interruptWaitAndCall();
    }
  }
}
