package org.cspkit.partnercenter.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.Request;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;

/**
 * The one pipeline every operation runs through, and what wires its stages. A generated Retrofit
 * method returns an {@link OperationCall}, bound once to its operation ({@link OperationBindings});
 * {@link Calls} adds the standard headers; a {@link PipelineCall} runs it as a series of attempts
 * with the same request and so the same {@code MS-RequestId}, under a Failsafe {@link RetryPolicy}
 * that only counts them and waits. Each attempt ({@link AttemptSender}) is sent through the {@link
 * HttpStack}, with no re-send of OkHttp's own; after each failed one the call records it ({@link
 * CallRecord}) and its {@link RetryDecision} says whether another follows, after what wait. An
 * asynchronous call's future is an {@link AsyncCall}. Thread-safe; one per client.
 */
public final class Pipeline implements AutoCloseable {
  private final HttpStack http;
  private final Calls calls;
  private final AttemptSender sender;
  private final TokenCache tokens;
  private final Telemetry telemetry;
  private final RetryOptions defaultOptions;
  private final RetryPolicy<AttemptOutcome> defaultPolicy;
  /** Runs blocking calls with the default policy; Failsafe's executors are thread-safe. */
  private final FailsafeExecutor<AttemptOutcome> defaultExecutor;

  private final ThreadPoolExecutor asyncAttempts;
  /** Ends asynchronous calls still waiting for a thread at their deadline. */
  private final ScheduledThreadPoolExecutor deadlines;

  private volatile boolean closed;
  /** What ends each asynchronous call or wait not yet done, when the client is closed. */
  private final Set<Runnable> unfinished = ConcurrentHashMap.newKeySet();

  /** Returns a new builder of the pipeline's parts and settings. */
  public static PipelineBuilder builder() {
    return new PipelineBuilder();
  }

  Pipeline(PipelineBuilder settings) {
    this.http = new HttpStack(settings.http, settings.ownsHttpClient, settings.userAgent);
    this.tokens = settings.tokens;
    this.telemetry = settings.telemetry;
    this.sender =
        new AttemptSender(http, settings.tokens, settings.responses, settings.callTimeout);
    this.defaultOptions = settings.retryOptions;
    this.defaultPolicy = RetryDecision.policy(defaultOptions);
    this.defaultExecutor = Failsafe.with(defaultPolicy);
    this.asyncAttempts = new ThreadPoolExecutor(
        settings.maxAsyncConcurrency,
        settings.maxAsyncConcurrency,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        Threads.daemon("cspkit-pc-async"));
    this.asyncAttempts.allowCoreThreadTimeOut(true);
    this.deadlines = new ScheduledThreadPoolExecutor(1, Threads.daemon("cspkit-pc-deadline"));
    this.deadlines.setRemoveOnCancelPolicy(true);
    // Retrofit only builds requests and provides converters: attempts go through the HTTP stack.
    this.calls = new Calls(
        http.requestBuilder(),
        new OperationBindings(this),
        settings.baseUrl,
        settings.moshi,
        settings.localeTag,
        settings.applicationName);
  }

  /**
   * The generated Retrofit interface of a group of operations: each of its methods returns an
   * {@link OperationCall} bound to its operation, which runs through this pipeline.
   *
   * @param api the interface, such as {@code CartsApi.class}
   * @param <S> its type
   * @return the implementation
   */
  public <S> S api(Class<S> api) {
    return calls.api(api);
  }

  /** The request a call would send, with {@code token}; nothing is sent, no token asked for. */
  Request preview(OperationCall<?> call, String token) {
    return http.authorize(calls.prepare(call).request(), token);
  }

  /**
   * Runs a call on the calling thread: each attempt is a blocking {@code Call.execute()} here,
   * and Failsafe waits between attempts with {@code Thread.sleep}. An interrupt cancels the call
   * in flight (through {@link InterruptWatchdog}), ends a wait for a token or between attempts,
   * and stops every retry.
   *
   * @param call the call; every attempt repeats its request and so its {@code MS-RequestId}
   * @param <T> the result type
   * @return the decoded result and its response
   * @throws PartnerCenterException the last failure, with every attempt; a {@link
   *     TransportException} caused by an {@link InterruptedException} when interrupted, with the
   *     thread's interrupt flag kept
   * @throws IllegalStateException if the client is closed
   */
  @SuppressWarnings("unchecked")
  <T> PartnerCenterResponse<T> run(OperationCall<T> call) {
    requireOpen();
    Calls.Prepared prepared = calls.prepare(call);
    RetryOptions options = retryOptions(prepared.options());
    PipelineCall running = new PipelineCall(this, prepared, options, true, tokens, telemetry);
    FailsafeExecutor<AttemptOutcome> attempts = options.equals(defaultOptions)
        ? defaultExecutor
        : Failsafe.with(RetryDecision.policy(options));
    return (PartnerCenterResponse<T>) running.runHere(attempts);
  }

  /**
   * Starts a call and returns at once ({@link AsyncCall}). Attempts run on this pipeline's own
   * threads, at most {@code maxAsyncConcurrency} at a time (more wait in a queue, their deadline
   * running), with the caller's OpenTelemetry context and MDC; the waits between attempts are
   * scheduled, not slept.
   *
   * @param call the call; every attempt repeats its request
   * @param shape what the future holds of the response: the response, or its value
   * @param <T> the result type
   * @param <R> what the future holds
   * @return the future; cancelling it stops the call
   * @throws IllegalStateException if the client is closed
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T, R> CompletableFuture<R> start(
      OperationCall<T> call, Function<PartnerCenterResponse<T>, R> shape) {
    requireOpen();
    Calls.Prepared prepared = calls.prepare(call);
    RetryOptions options = retryOptions(prepared.options());
    PipelineCall running = new PipelineCall(this, prepared, options, false, tokens, telemetry);
    FailsafeExecutor<AttemptOutcome> attempts = Failsafe.with(
            options.equals(defaultOptions) ? defaultPolicy : RetryDecision.policy(options))
        .with(running.operation().carried().executor(asyncAttempts));
    return AsyncCall.start(running, (Function) shape, attempts, deadlines, this);
  }

  /**
   * The retry options a call with {@code options} runs with: its own, else the client's.
   *
   * @param options the call's options
   * @return the retry options
   */
  public RetryOptions retryOptions(RequestOptions options) {
    return options.retryOptions().orElse(defaultOptions);
  }

  /**
   * The client's scheduler, for work that waits between calls (such as polling). Its one daemon
   * thread must only hand work over, never block.
   *
   * @return the scheduler
   */
  public ScheduledExecutorService scheduler() {
    return deadlines;
  }

  /**
   * Has {@link #close()} end {@code future}, unless it is done by then, with {@code onClose}; for
   * work of the client's that outlives one call, such as a wait of several polls.
   *
   * @param future the work's future
   * @param onClose completes {@code future}, such as with a {@link TransportException}; run at
   *     once if the pipeline is already closed
   */
  // FutureReturnValueIgnored: the whenComplete stage is a callback only.
  @SuppressWarnings("FutureReturnValueIgnored")
  public void endOnClose(CompletableFuture<?> future, Runnable onClose) {
    unfinished.add(onClose);
    future.whenComplete((result, error) -> unfinished.remove(onClose));
    if (closed) {
      onClose.run();
    }
  }

  /**
   * The exception of work that {@link #close()} ended before it was done.
   *
   * @param what the work, such as "waiting for the provisioning of order o-1"
   * @param last the failure the work last saw, or null
   * @param requestId the call's {@code MS-RequestId}, the key of a safe retry; null for work of
   *     several calls
   * @param correlationId its {@code MS-CorrelationId}, or null
   * @return the exception
   */
  public static TransportException closedWhile(
      String what, PartnerCenterException last, String requestId, String correlationId) {
    return new TransportException(
        "The PartnerCenterClient was closed " + what,
        ErrorDetails.noResponse(requestId, correlationId),
        last);
  }

  /**
   * Releases this pipeline's threads and, if the OkHttp client is its own, that client's threads
   * and idle connections; an {@code OkHttpClient} the caller passed in is left alone, and so is
   * the token cache, which its owner closes. Attempts in flight finish; an asynchronous call with
   * none in flight, or whose attempt in flight would be followed by a retry, ends with a {@link
   * TransportException} (caused by its last failure, if any) at once or as that attempt ends; a
   * blocking call ends so before its next attempt.
   */
  @Override
  public void close() {
    closed = true;
    // After the flag: an attempt that publishes its call after this reads it then sees the flag.
    for (Runnable end : List.copyOf(unfinished)) {
      end.run();
    }
    asyncAttempts.shutdown();
    deadlines.shutdownNow();
    http.close();
  }

  /** Refuses new work once closed: throws {@link IllegalStateException} if the pipeline is. */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this PartnerCenterClient is closed");
    }
  }

  boolean isClosed() {
    return closed;
  }

  AttemptSender sender() {
    return sender;
  }
}
