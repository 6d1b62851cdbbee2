package org.cspkit.partnercenter.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.TransportException;

/**
 * Polls one operation until its result is done or a timeout passes, as a waiter does (Azure's
 * {@code SyncPoller}, the AWS SDK's waiters): the first poll at once, then waits that start at
 * the schedule's initial interval and double up to its maximum, each at least the {@code
 * Retry-After} of the poll's response, none past the timeout (the last poll is made at it). Each
 * poll is a new call of the operation with its own retries and a new {@code MS-RequestId}; every
 * poll sends the same {@code MS-CorrelationId}. A poll's retries never outlast the wait: with
 * more than {@link #LAST_POLL} left, its retry deadline is cut at what is left, and a retry or a
 * {@code Retry-After} that does not fit is not made; with less, the poll is one attempt with a
 * deadline of {@link #LAST_POLL}, so that the poll at the timeout can still be answered.
 *
 * <p>The listener sees the result of every poll, the last one included, on the polling thread;
 * what it throws ends the wait. A poll's failure ends the wait with that failure; a result not
 * done at the timeout ends it with the exception {@code timedOut} makes. The blocking form
 * sleeps between polls, and an interrupt ends it with a {@link TransportException} (interrupt
 * flag kept). The asynchronous form schedules its polls on the client's scheduler, each with the
 * caller's context and MDC; cancelling its future stops the polling and the poll in flight, and
 * the client's {@code close()} ends it at once. Immutable and thread-safe; each wait has its own
 * state.
 *
 * @param <T> the operation's result type
 */
public final class Poller<T> {
  /** The deadline of a poll made with less than this left of the wait; it gets no retry. */
  static final Duration LAST_POLL = Duration.ofSeconds(10);

  /**
   * When to poll.
   *
   * @param initialInterval the wait after the first poll, more than zero
   * @param maxInterval the longest wait between polls, at least {@code initialInterval}
   * @param timeout how long to poll, from the first poll
   */
  public record Schedule(Duration initialInterval, Duration maxInterval, Duration timeout) {}

  /**
   * Makes the exception of a wait that reached its timeout.
   *
   * @param <T> the operation's result type
   */
  @FunctionalInterface
  public interface TimedOut<T> {
    /**
     * The exception.
     *
     * @param last the result of the last poll, not done
     * @param correlationId the {@code MS-CorrelationId} of every poll
     * @return the exception the wait ends with
     */
    RuntimeException exception(T last, String correlationId);
  }

  private final Pipeline pipeline;
  private final Schedule schedule;
  private final Function<RequestOptions, OperationCall<T>> poll;
  private final Predicate<T> done;
  private final Consumer<T> listener;
  private final String what;
  private final TimedOut<T> timedOut;

  /**
   * A poller; the caller has checked the operation's arguments.
   *
   * @param pipeline the client's pipeline
   * @param schedule the intervals and timeout
   * @param poll one poll: the operation's call with the given options
   * @param done whether a result ends the wait
   * @param listener told of every poll's result, or null
   * @param what the wait, for messages, such as "waiting for the provisioning of order o-1"
   * @param timedOut the exception of a wait that reaches its timeout
   */
  public Poller(
      Pipeline pipeline,
      Schedule schedule,
      Function<RequestOptions, OperationCall<T>> poll,
      Predicate<T> done,
      Consumer<T> listener,
      String what,
      TimedOut<T> timedOut) {
    this.pipeline = pipeline;
    this.schedule = schedule;
    this.poll = poll;
    this.done = done;
    this.listener = listener != null ? listener : result -> {};
    this.what = what;
    this.timedOut = timedOut;
  }

  /**
   * Polls on the calling thread, which sleeps between polls.
   *
   * @param options the correlation ID and retry options of every poll (a request ID is ignored)
   * @return the first result that is done
   * @throws IllegalArgumentException if {@code options} is null; nothing is sent
   * @throws IllegalStateException if the client is closed
   * @throws RuntimeException a poll's failure, the listener's, or the timeout's; a {@link
   *     TransportException} on an interrupt between polls
   */
  public T await(RequestOptions options) {
    pipeline.requireOpen();
    RequestOptions perPoll = perPoll(options);
    long start = System.nanoTime();
    for (int polls = 1; ; polls++) {
      PartnerCenterResponse<T> response = poll.apply(within(perPoll, start)).run();
      Duration next = next(response, polls, start, perPoll);
      if (next == null) {
        return response.value();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(next.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            "Interrupted while " + what, ErrorDetails.noResponse(null, correlationId(perPoll)), e);
      }
    }
  }

  /**
   * Polls without blocking: each poll starts on the client's scheduler with the caller's context.
   *
   * @param options the correlation ID and retry options of every poll (a request ID is ignored)
   * @return a future completed with the first result that is done, or with the failure {@link
   *     #await} would throw; with a {@link TransportException} as soon as the client is closed
   * @throws IllegalArgumentException if {@code options} is null; nothing is sent
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<T> start(RequestOptions options) {
    pipeline.requireOpen();
    Async wait = new Async(perPoll(options), CallerContext.current());
    pipeline.endOnClose(
        wait.result,
        () -> wait.result.completeExceptionally(
            Pipeline.closedWhile("while " + what, null, null, correlationId(wait.perPoll))));
    wait.schedule(Duration.ZERO);
    return wait.result;
  }

  /**
   * After a poll: tells the listener, then returns null when the result is done, the wait before
   * the next poll otherwise.
   *
   * @throws RuntimeException the listener's failure, or the timeout's
   */
  private Duration next(
      PartnerCenterResponse<T> response, int polls, long start, RequestOptions perPoll) {
    T result = response.value();
    listener.accept(result);
    if (done.test(result)) {
      return null;
    }
    Duration left = schedule.timeout().minus(elapsed(start));
    if (left.isNegative() || left.isZero()) {
      throw timedOut.exception(result, correlationId(perPoll));
    }
    Duration backoff = schedule.initialInterval();
    for (int i = 1; i < polls && backoff.compareTo(schedule.maxInterval()) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    backoff = min(backoff, schedule.maxInterval());
    Duration retryAfter = ResponseHandler.retryAfter(response.headers());
    if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
      backoff = retryAfter;
    }
    return min(backoff, left);
  }

  /** A poll's options within the wait, so that no retry outlasts it (see the class Javadoc). */
  private RequestOptions within(RequestOptions perPoll, long start) {
    RetryOptions retry = pipeline.retryOptions(perPoll);
    Duration left = schedule.timeout().minus(elapsed(start));
    if (left.compareTo(retry.deadline()) >= 0) {
      return perPoll;
    }
    RetryOptions.Builder cut = retry.newBuilder();
    if (left.compareTo(LAST_POLL) >= 0) {
      cut.deadline(left);
    } else {
      cut.maxAttempts(1).deadline(min(LAST_POLL, retry.deadline()));
    }
    return perPoll.newBuilder().retryOptions(cut.build()).build();
  }

  /** No request ID (each poll gets a new one), and one correlation ID across the polls. */
  private static RequestOptions perPoll(RequestOptions options) {
    return Arguments.requireOptions(options)
        .newBuilder()
        .requestId(null)
        .correlationId(options.correlationId().orElseGet(UUID::randomUUID))
        .build();
  }

  private static String correlationId(RequestOptions perPoll) {
    return perPoll.correlationId().orElseThrow().toString();
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** One asynchronous wait: its future, and the poll or the scheduled next poll in flight. */
  private final class Async {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final RequestOptions perPoll;
    private final CallerContext caller;
    private final AtomicReference<Future<?>> step = new AtomicReference<>();
    private final long start = System.nanoTime();
    private int polls;

    // FutureReturnValueIgnored: the whenComplete stage is a callback only.
    @SuppressWarnings("FutureReturnValueIgnored")
    Async(RequestOptions perPoll, CallerContext caller) {
      this.perPoll = perPoll;
      this.caller = caller;
      // Cancelled, closed, or done: stop what is in flight.
      result.whenComplete((value, failure) -> stop(step.get()));
    }

    void schedule(Duration delay) {
      try {
        follow(pipeline
            .scheduler()
            .schedule(caller.wrap(this::poll), delay.toNanos(), TimeUnit.NANOSECONDS));
      } catch (RejectedExecutionException closed) {
        result.completeExceptionally(
            Pipeline.closedWhile("while " + what, null, null, correlationId(perPoll)));
      }
    }

    // FutureReturnValueIgnored: the whenComplete stage is a callback only; the result carries
    // every failure.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void poll() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<PartnerCenterResponse<T>> call;
      try {
        call = poll.apply(within(perPoll, start)).startWithResponse();
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      follow(call);
      call.whenComplete((response, failure) -> {
        if (failure != null) {
          result.completeExceptionally(
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure);
          return;
        }
        try {
          Duration next = next(response, ++polls, start, perPoll);
          if (next == null) {
            result.complete(response.value());
          } else {
            schedule(next);
          }
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      });
    }

    /** Notes the step in flight; stops it at once if the wait has already ended. */
    private void follow(Future<?> next) {
      step.set(next);
      if (result.isDone()) {
        stop(next);
      }
    }

    private void stop(Future<?> inFlight) {
      if (inFlight != null && !inFlight.isDone()) {
        // A poll's future stops its call; the scheduler's thread is never interrupted.
        inFlight.cancel(inFlight instanceof CompletableFuture);
      }
    }
  }
}
