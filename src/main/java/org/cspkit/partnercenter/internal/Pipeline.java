package org.cspkit.partnercenter.internal;

import com.squareup.moshi.Moshi;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import org.cspkit.partnercenter.internal.TokenCache.TokenUnavailableException;
import org.cspkit.partnercenter.internal.WireInterceptor.UnplannedRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one pipeline every operation runs through. The facade calls a generated Retrofit interface
 * ({@link #api}), which builds the request (path, query, Moshi-encoded body, and the per-call
 * {@link RequestOptions} as a tag) and {@link Calls} adds the standard headers; this class runs it as a
 * series of attempts, all with the same request and so the same {@code MS-RequestId}, under a
 * Failsafe {@link RetryPolicy} that only counts them and waits: each attempt is classified here by
 * {@link AttemptClassifier} and the operation's {@link OperationRules}, with the whole call in
 * view, and decides the wait before the next one (backoff with jitter, or the response's {@code
 * Retry-After}, or none after a 401). The response is decoded by Retrofit's converter for the
 * interface method's return type, or mapped to a typed exception by {@link ResponseHandler}.
 *
 * <p>Every request that leaves the client is one of these attempts: OkHttp's own retries and
 * redirects are off, and {@link WireInterceptor} stops any second request within an attempt. Each
 * attempt gets its token from the {@link TokenCache} within the deadline, is cut at the deadline,
 * checks for cancellation before it starts and again right before its request is written, and is
 * recorded in the attempts list and the DEBUG log. Thread-safe; one per client.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.partnercenter");
  /**
   * The most pooled connections one attempt finds closed by the server before it gives up: more
   * than OkHttp's default of 5 idle connections, each closed as it is found.
   */
  private static final int MAX_CLOSED_CONNECTIONS = 8;

  private final Calls calls;

  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final AuthorizationInterceptor authorization;
  private final ResponseHandler responses;
  private final TokenCache tokens;
  private final Duration callTimeout;
  private final RetryOptions defaultOptions;
  private final RetryPolicy<Outcome> defaultPolicy;
  /** Runs blocking calls with the default policy; Failsafe's executors are thread-safe. */
  private final FailsafeExecutor<Outcome> defaultExecutor;

  private final ThreadPoolExecutor asyncAttempts;
  /** Ends asynchronous calls still waiting for a thread at their deadline. */
  private final ScheduledThreadPoolExecutor deadlines;

  private final Telemetry telemetry;
  private volatile boolean closed;
  /** What ends each asynchronous call or wait not yet done, when the client is closed. */
  private final java.util.Set<Runnable> unfinished =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Creates the executor and the OkHttp client it sends with.
   *
   * @param http the client's settings: a new builder, or one derived from the caller's client
   * @param ownsHttpClient whether {@code http} is the client's own (its threads and connections
   *     are released on {@link #close()}) rather than derived from the caller's
   * @param userAgent the {@code User-Agent} to send
   * @param tokens the token cache
   * @param responses turns responses into results and exceptions
   * @param callTimeout the limit on one attempt (0: none), further cut at the deadline
   * @param defaultOptions the client's retry options
   * @param maxAsyncConcurrency the most attempts of asynchronous calls in flight at once
   * @param baseUrl the service's base URL, ending in {@code /}
   * @param moshi the Moshi instance of request and response bodies
   * @param localeTag the {@code X-Locale} to send
   * @param applicationName the {@code MS-PartnerCenter-Application} to send, or null
   * @param telemetry the spans and metrics of calls and attempts
   */
  public Pipeline(
      OkHttpClient.Builder http,
      boolean ownsHttpClient,
      String userAgent,
      TokenCache tokens,
      ResponseHandler responses,
      Duration callTimeout,
      RetryOptions defaultOptions,
      int maxAsyncConcurrency,
      HttpUrl baseUrl,
      Moshi moshi,
      String localeTag,
      String applicationName,
      Telemetry telemetry) {
    this.telemetry = telemetry;
    this.authorization = new AuthorizationInterceptor(userAgent);
    this.httpClient = http
        // Every request is an attempt the retry policy decided on: no silent re-send after a
        // connection failure or a 408, no redirect (Partner Center does not redirect this API),
        // no authenticator replaying a 401 behind the policy's back.
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .authenticator(Authenticator.NONE)
        .addInterceptor(authorization)
        .addNetworkInterceptor(new WireInterceptor())
        .build();
    this.ownsHttpClient = ownsHttpClient;
    this.tokens = tokens;
    this.responses = responses;
    this.callTimeout = callTimeout;
    this.defaultOptions = defaultOptions;
    this.defaultPolicy = newPolicy(defaultOptions);
    this.defaultExecutor = Failsafe.with(defaultPolicy);
    this.asyncAttempts = new ThreadPoolExecutor(
        maxAsyncConcurrency,
        maxAsyncConcurrency,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        Threads.daemon("cspkit-pc-async"));
    this.asyncAttempts.allowCoreThreadTimeOut(true);
    this.deadlines = new ScheduledThreadPoolExecutor(1, Threads.daemon("cspkit-pc-deadline"));
    this.deadlines.setRemoveOnCancelPolicy(true);
    // Retrofit only builds requests and provides converters: each attempt is sent below, through
    // the client built above. Its calls are never executed; their event listener is none.
    this.calls = new Calls(
        httpClient.newBuilder().eventListener(okhttp3.EventListener.NONE).build(),
        new OperationBindings(this),
        baseUrl,
        moshi,
        localeTag,
        applicationName);
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

  /** What one attempt ended in, and the wait before the next one if there is to be one. */
  private record Outcome(
      PartnerCenterResponse<?> result,
      PartnerCenterException failure,
      boolean retryable,
      Duration delay) {
    static Outcome last(PartnerCenterException failure) {
      return new Outcome(null, failure, false, null);
    }
  }

  /**
   * The request a call would send, with {@code token} in its {@code Authorization} header; nothing
   * is sent and no token is asked for.
   *
   * @param call the call, from an interface of {@link #api}
   * @param token the token value to show, such as a mask
   * @return the request with the standard, authorization and user-agent headers
   */
  Request preview(OperationCall<?> call, String token) {
    return authorization.authorize(calls.prepare(call).request(), token);
  }

  /**
   * Runs a call on the calling thread and returns its result with the final response's status and
   * headers, the request IDs and every attempt: each attempt is a blocking
   * {@link Call#execute()} here, with no thread hand-off, and Failsafe waits between attempts with
   * {@code Thread.sleep}. An interrupt cancels the call in flight (through {@link
   * InterruptWatchdog}), ends a wait for a token or between attempts, and stops every retry.
   *
   * @param call the call, from an interface of {@link #api}; every attempt repeats its request
   *     and so its {@code MS-RequestId}
   * @param <T> the result type
   * @return the decoded result and its response
   * @throws PartnerCenterException the last failure, with every attempt; a {@link
   *     TransportException} caused by an {@link InterruptedException} when interrupted, with the
   *     thread's interrupt flag kept
   * @throws IllegalStateException if the executor is closed
   */
  <T> PartnerCenterResponse<T> run(OperationCall<T> call) {
    requireOpen();
    Calls.Prepared prepared = calls.prepare(call);
    RetryOptions options = retryOptions(prepared.options());
    Execution execution = new Execution(prepared, options, true);
    return execution.operation.run(() -> runHere(execution, options));
  }

  /** The attempts of {@link #run}, on the calling thread, in the call's span. */
  @SuppressWarnings("unchecked")
  private <T> PartnerCenterResponse<T> runHere(Execution execution, RetryOptions options) {
    Outcome outcome;
    try {
      outcome = (options.equals(defaultOptions)
              ? defaultExecutor
              : Failsafe.with(newPolicy(options)))
          .get(execution::attempt);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException interrupt) {
        Thread.currentThread().interrupt();
        throw execution.interrupted(interrupt);
      }
      throw execution.unexpected(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw execution.unexpected(e);
    }
    if (outcome.result() == null
        && outcome.failure().statusCode() == 0
        && Thread.currentThread().isInterrupted()) {
      throw execution.interrupted(
          new InterruptedException("interrupted while the call was in flight"));
    }
    return (PartnerCenterResponse<T>) execution.resultOf(outcome);
  }

  /**
   * Starts a call and returns at once. Attempts run on this executor's own threads, at most
   * {@code maxAsyncConcurrency} at a time (more wait in a queue, their deadline running); each is
   * a blocking {@link Call#execute()}, and the waits between attempts are scheduled, not slept.
   *
   * @param call the call, from an interface of {@link #api}; every attempt repeats its request
   * @param shape what the future holds of the response: the response, or its value
   * @param <T> the result type
   * @param <R> what the future holds
   * @return the result, or the exception {@link #run} would throw; cancelling it stops the call:
   *     no attempt starts and no request byte is written after {@code cancel} returns, and it is
   *     completed with a {@link CallCancelledException}
   * @throws IllegalStateException if the executor is closed
   */
  // FutureReturnValueIgnored: the whenComplete stages are callbacks only.
  @SuppressWarnings({"unchecked", "rawtypes", "FutureReturnValueIgnored"})
  <T, R> CompletableFuture<R> start(
      OperationCall<T> call, Function<PartnerCenterResponse<T>, R> shape) {
    requireOpen();
    Calls.Prepared prepared = calls.prepare(call);
    RetryOptions options = retryOptions(prepared.options());
    Execution execution = new Execution(prepared, options, false);
    CallFuture<R> future = new CallFuture<>(execution, (Function) shape);
    execution.future = future;
    // The attempts and the deadline run with the caller's OpenTelemetry context and MDC.
    CallerContext caller = execution.operation.carried();
    CompletableFuture<Outcome> retries = Failsafe.with(policy(options))
        .with(caller.executor(asyncAttempts))
        .getAsync(execution::attempt);
    future.retries = retries;
    retries.whenComplete((outcome, error) -> execution.complete(future, outcome, error));
    endOnClose(future, () -> execution.clientClosed(future));
    // An attempt in flight is cut at the deadline by its call timeout; one still waiting for a
    // free thread (maxAsyncConcurrency) is not, so the deadline also ends the call here.
    ScheduledFuture<?> deadline = deadlines.schedule(
        caller.wrap(() -> execution.deadlinePassed(future)),
        options.deadline().toNanos(),
        TimeUnit.NANOSECONDS);
    // The future ends the call's span as it completes; this catches any other completion.
    future.whenComplete(execution.operation::end);
    // Completed by anyone else (a timeout, completeExceptionally): stop the call as well.
    future.whenComplete((result, error) -> {
      deadline.cancel(false);
      if (!execution.finished) {
        execution.cancel();
        execution.interruptWaitAndCall();
        retries.cancel(false);
      }
    });
    return future;
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
   *     once if the executor is already closed
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
   * Releases this executor's threads and, if the OkHttp client is its own, that client's threads
   * and idle connections; an {@code OkHttpClient} the caller passed in is left alone. Attempts in
   * flight finish; an asynchronous call with none in flight, or whose attempt in flight would be
   * followed by a retry, ends with a {@link TransportException} (caused by its last failure, if
   * any) at once or as that attempt ends; a blocking call ends so before its next attempt.
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
    tokens.close();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  /**
   * Refuses new work once closed.
   *
   * @throws IllegalStateException if the executor is closed
   */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this PartnerCenterClient is closed");
    }
  }

  private RetryPolicy<Outcome> policy(RetryOptions options) {
    return options.equals(defaultOptions) ? defaultPolicy : newPolicy(options);
  }

  /** The future of an asynchronous call; cancelling it stops the call. */
  private static final class CallFuture<T> extends CompletableFuture<T> {
    private final Execution execution;
    /** What the future holds of a success: the response, or its value. */
    private final Function<PartnerCenterResponse<?>, T> shape;

    private volatile CompletableFuture<Outcome> retries;

    private CallFuture(Execution execution, Function<PartnerCenterResponse<?>, T> shape) {
      this.execution = execution;
      this.shape = shape;
    }

    private void succeed(PartnerCenterResponse<?> response) {
      complete(shape.apply(response));
    }

    /** Ends the call's span first, so that it is recorded when the caller sees the result. */
    @Override
    public boolean complete(T value) {
      execution.operation.end(value, null);
      try (Scope callers = execution.operation.callerScope()) {
        return super.complete(value);
      }
    }

    /** Ends the call's span first, so that it is recorded when the caller sees the failure. */
    @Override
    public boolean completeExceptionally(Throwable failure) {
      execution.operation.end(null, failure);
      try (Scope callers = execution.operation.callerScope()) {
        return super.completeExceptionally(failure);
      }
    }

    /**
     * Stops the call before completing: once this returns, no attempt starts and no request
     * byte is written. Completes with a {@link CallCancelledException}, a {@link
     * CancellationException} that tells whether an attempt may have reached Partner Center.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (isDone()) {
        return isCancelled();
      }
      // Completed before the token wait and the call in flight are interrupted; from the flag on,
      // the attempt's own ending ("Socket closed", "cancelled") no longer completes the future.
      CallCancelledException cancelled = execution.cancel();
      PartnerCenterResponse<?> succeeded = execution.succeeded;
      if (succeeded != null) {
        // The call had already succeeded: that is its outcome, not a cancellation.
        succeed(succeeded);
        return isCancelled();
      }
      boolean done = completeExceptionally(cancelled);
      execution.interruptWaitAndCall();
      CompletableFuture<Outcome> running = retries;
      if (running != null) {
        running.cancel(false);
      }
      return done || isCancelled();
    }
  }

  /** One call: its request, its attempts so far, its deadline and its cancellation. */
  private final class Execution {
    private final Request request;
    private final Calls.Prepared prepared;
    private final CallInfo ids;
    private final RetryOptions options;
    private final AttemptListener listener;
    private final boolean onCallingThread;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Completed on cancel, to end a wait for a token; only the asynchronous path waits on it. */
    private final CompletableFuture<Void> cancelSignal;
    /** The attempt whose call may be in flight, set before its cancel check; or null. */
    private volatile Call currentCall;

    private volatile AttemptState currentState;
    private volatile boolean finished;
    /** The result, once an attempt has decoded one; read by a cancel after it set the flag. */
    private volatile PartnerCenterResponse<?> succeeded;
    /** The failure of the last attempt that ended, or null. */
    private volatile PartnerCenterException lastFailure;
    /** Whether the last attempt that ended is to be followed by another. */
    private volatile boolean retryPlanned;
    /** The future of an asynchronous call, set as it starts; null for a blocking one. */
    private volatile CallFuture<?> future;
    /** Whether a 401 has been answered with a fresh token; read and written by attempts only. */
    private boolean replayed401;
    /** The call's span, metrics and the context its attempts run in. */
    private final Telemetry.Operation operation;
    /** The span of the attempt in flight, until it ends; read and written by attempts only. */
    private Telemetry.AttemptSpan attemptSpan;

    private Execution(Calls.Prepared prepared, RetryOptions options, boolean onCallingThread) {
      this.prepared = prepared;
      this.request = prepared.request();
      this.ids = prepared.info();
      this.options = options;
      this.listener = prepared.options().attemptListener().orElse(null);
      this.onCallingThread = onCallingThread;
      this.cancelSignal = onCallingThread ? null : new CompletableFuture<>();
      this.operation = telemetry.start(ids);
    }

    private long leftNanos() {
      return options.deadline().toNanos() - (System.nanoTime() - startNanos);
    }

    /** One attempt, run by Failsafe on the calling or an async thread; never throws. */
    private Outcome attempt(ExecutionContext<Outcome> context) {
      try {
        return attemptOnce(context);
      } catch (RuntimeException e) {
        // A bug of ours or of a caller's interceptor: end the call, do not retry it.
        TransportException failure = new TransportException(
            "The attempt failed unexpectedly: " + e,
            ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
            e);
        // Thrown before the attempt recorded itself: its span ends here, not never.
        endAttempt(null, null, failure);
        return Outcome.last(failure);
      }
    }

    private Outcome attemptOnce(ExecutionContext<Outcome> context) {
      if (cancelled.get()) {
        return Outcome.last(stopped("the call was cancelled", null));
      }
      Outcome previous = context.getLastResult();
      PartnerCenterException previousFailure = previous == null ? null : previous.failure();
      if (closed) {
        return Outcome.last(closedBeforeNext(previousFailure));
      }
      if (leftNanos() < AttemptClassifier.minimumAttemptNanos(options)) {
        // A wait that ran late, or a queue for a free thread that took the whole deadline.
        retryPlanned = false;
        return previousFailure != null
            ? Outcome.last(previousFailure)
            : Outcome.last(stopped(
                "the deadline of " + options.deadline().toMillis()
                    + " ms passed before the first attempt could start",
                null));
      }
      int number = attempts.size() + 1;
      long attemptStart = System.nanoTime();
      AccessToken token;
      try {
        token = tokens.get(leftNanos(), cancelSignal);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.last(stopped("interrupted while waiting for an access token", e));
      } catch (CancellationException e) {
        return Outcome.last(stopped("the call was cancelled", e));
      } catch (TokenUnavailableException e) {
        PartnerCenterException failure = responses.tokenFailure(e, ids);
        record(number, attemptStart, 0, "no token: " + e.getMessage(), false);
        retryPlanned = false;
        return Outcome.last(failure);
      }
      // The attempt's span starts as its request is handed to a connection (WireInterceptor):
      // an attempt that sends nothing is no HTTP span.
      AttemptState state = new AttemptState(
          token.value(), cancelled, sending -> attemptSpan = operation.attempt(sending, number));
      Call call =
          httpClient.newCall(request.newBuilder().tag(AttemptState.class, state).build());
      long timeoutNanos = leftNanos();
      if (!callTimeout.isZero()) {
        timeoutNanos = Math.min(timeoutNanos, callTimeout.toNanos());
      }
      call.timeout().timeout(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
      currentState = state;
      currentCall = call;
      // Read after currentCall is set; cancel() and close() set their flag before they read
      // currentCall. So either this sees the flag, or they see this call in flight.
      if (cancelled.get() || closed) {
        currentCall = null;
        PartnerCenterException stopped = cancelled.get()
            ? stopped("the call was cancelled", null)
            : closedBeforeNext(previousFailure);
        endAttempt(null, state, stopped);
        return Outcome.last(stopped);
      }
      if (onCallingThread) {
        InterruptWatchdog.INSTANCE.watch(call);
      }
      try (Response response = executeOnOpenConnection(call)) {
        Object result = responses.handle(
            response,
            prepared.binding().converter(),
            prepared.binding().success(),
            prepared.binding().safe(),
            prepared.binding().rules(),
            ids,
            state.secrets());
        Attempt last =
            logged(number, attemptStart, response.code(), response.code() + " (decoded)", false);
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(last);
        PartnerCenterResponse<Object> done = new PartnerCenterResponse<>(
            result,
            response.code(),
            Redaction.scrub(response.headers(), state.secrets()),
            ids.requestId(),
            ids.correlationId(),
            all);
        // Succeeded before the attempt joins the call's list: a cancel that sees the successful
        // attempt among the attempts also sees the success, and returns it instead.
        succeeded = done;
        attempts.add(last);
        endAttempt(last, state, null);
        return new Outcome(done, null, false, null);
      } catch (PartnerCenterException e) {
        return failed(e, null, state, call, token, number, attemptStart);
      } catch (UnplannedRequestException e) {
        // OkHttp (or an interceptor) wanted to send again after this response: report the
        // response; the policy decides whether there is another attempt.
        return failed(
            responses.statusOnly(e.status, request, e.headers, ids, state.secrets()),
            null,
            state,
            call,
            token,
            number,
            attemptStart);
      } catch (IOException e) {
        return failed(
            responses.failure(e, ids, state.secrets()),
            e,
            state,
            call,
            token,
            number,
            attemptStart);
      } catch (RuntimeException e) {
        // Thrown once the response had arrived (OkHttp's own follow-up code fails on a Retry-After
        // past 2^31 seconds): the response is the attempt's answer.
        PartnerCenterException failure = state.status() != 0
            ? responses.statusOnly(state.status(), request, state.headers(), ids, state.secrets())
            : new TransportException(
                Redaction.scrub("The attempt failed unexpectedly: " + e, state.secrets()),
                ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
                Redaction.scrub(e, state.secrets()));
        return failed(failure, null, state, call, token, number, attemptStart);
      } finally {
        if (onCallingThread) {
          InterruptWatchdog.INSTANCE.release();
        }
        currentCall = null;
        currentState = null;
        CallFuture<?> async = future;
        if (closed && async != null) {
          // Closed while this attempt was in flight, after it had decided on a retry.
          clientClosed(async);
        }
      }
    }

    /**
     * Executes the attempt's call; if the pooled connection it was given had been closed by the
     * server while idle ({@link PooledConnections}: nothing was written), executes it again at once
     * on another connection, as part of the same attempt: no request left the client.
     */
    private Response executeOnOpenConnection(Call first) throws IOException {
      Call call = first;
      for (int closedConnections = 1; ; closedConnections++) {
        try {
          return call.execute();
        } catch (WireInterceptor.StaleConnectionException e) {
          if (closedConnections > MAX_CLOSED_CONNECTIONS) {
            throw e;
          }
          LOG.debug(
              "{} {}: the pooled connection had been closed by the server while idle; nothing was"
                  + " sent, trying another connection [MS-RequestId={}]",
              request.method(),
              request.url().encodedPath(),
              ids.requestId());
          Call next = call.clone();
          next.timeout().timeout(Math.max(1, call.timeout().timeoutNanos()), TimeUnit.NANOSECONDS);
          call = next;
          currentCall = next;
          // As before the first execute: either a cancel or close sees this call, or this sees it.
          if (cancelled.get() || closed) {
            throw new IOException("Canceled");
          }
          if (onCallingThread) {
            InterruptWatchdog.INSTANCE.watch(next);
          }
        }
      }
    }

    private Outcome failed(
        PartnerCenterException failure,
        IOException io,
        AttemptState state,
        Call call,
        AccessToken token,
        int number,
        long attemptStart) {
      Outcome outcome = classify(failure, io, state, call, token, number, attemptStart);
      if (listener != null && !attempts.isEmpty()) {
        try {
          listener.attemptFailed(
              attempts.get(attempts.size() - 1),
              options.maxAttempts(),
              outcome.retryable() && number < options.maxAttempts()
                  ? Optional.of(outcome.delay())
                  : Optional.empty());
        } catch (Throwable ignored) {
          LOG.debug("the attempt listener failed", ignored);
        }
      }
      return outcome;
    }

    /**
     * Ends the span of the attempt in flight, if any, with what the attempt recorded; {@code
     * state} is null when the attempt failed before it had one.
     */
    private void endAttempt(Attempt recorded, AttemptState state, PartnerCenterException failure) {
      Telemetry.AttemptSpan span = attemptSpan;
      attemptSpan = null;
      if (span != null) {
        span.end(
            recorded,
            state == null ? null : state.headers(),
            failure,
            state == null ? List.of() : state.secrets());
      }
    }

    /** Records the failed attempt and decides whether another follows, and after what wait. */
    private Outcome classify(
        PartnerCenterException failure,
        IOException io,
        AttemptState state,
        Call call,
        AccessToken token,
        int number,
        long attemptStart) {
      int status = failure.statusCode();
      boolean earlierMaybe = attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      lastFailure = failure;
      record(
          number,
          attemptStart,
          status,
          AttemptClassifier.describe(failure, io, state.secrets()),
          AttemptClassifier.mayHaveSucceeded(
              failure, io, state, prepared.binding().safe()));
      // The attempt ends as recorded; deciding on another (a fresh token after a 401) is not in it.
      endAttempt(attempts.get(attempts.size() - 1), state, failure);
      Outcome outcome = decide(failure, state, call, token, number);
      retryPlanned = outcome.retryable();
      if (!outcome.retryable()) {
        // The call ends here: the operation may put its own exception in place of this one.
        PartnerCenterException replaced =
            prepared.binding().rules().replace(failure, earlierMaybe, ids);
        if (replaced != null) {
          return Outcome.last(replaced);
        }
      }
      return outcome;
    }

    /** Whether another attempt follows, and after what wait. */
    private Outcome decide(
        PartnerCenterException failure,
        AttemptState state,
        Call call,
        AccessToken token,
        int number) {
      int status = failure.statusCode();
      // An interrupt ends the call either through the watchdog's cancel or, when Okio notices it
      // first, as an InterruptedIOException: neither is retried, nor is a cancelled call.
      boolean interrupted = onCallingThread && Thread.currentThread().isInterrupted();
      if (cancelled.get() || call.isCanceled() || interrupted) {
        return Outcome.last(failure);
      }
      Duration delay;
      if (status == 401) {
        if (replayed401 || !freshTokenAfter(token)) {
          return Outcome.last(failure);
        }
        replayed401 = true;
        delay = Duration.ZERO;
      } else if (!AttemptClassifier.isRetryable(failure, prepared.binding().rules())) {
        return Outcome.last(failure);
      } else {
        Duration retryAfter = status == 0 ? null : ResponseHandler.retryAfter(state.headers());
        delay = retryAfter != null ? retryAfter : AttemptClassifier.backoff(options, number);
      }
      return next(failure, delay);
    }

    /** Another attempt after {@code delay}, if it fits in the deadline and the client is open. */
    private Outcome next(PartnerCenterException failure, Duration delay) {
      // A retry that would start too close to the deadline is not made: fail now, not later.
      boolean fits = delay.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) < 0
          && leftNanos() - delay.toNanos() >= AttemptClassifier.minimumAttemptNanos(options);
      if (fits && closed) {
        return Outcome.last(closedBeforeNext(failure));
      }
      return new Outcome(null, failure, fits, fits ? delay : null);
    }

    /** Drops the rejected token; true if the source then has another one for a replay. */
    private boolean freshTokenAfter(AccessToken rejected) {
      try {
        tokens.invalidate(rejected);
        return !tokens.get(leftNanos(), cancelSignal).value().equals(rejected.value());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private void record(int number, long attemptStart, int status, String outcome, boolean maybe) {
      attempts.add(logged(number, attemptStart, status, outcome, maybe));
    }

    /** The attempt as it ended, logged at DEBUG; the caller adds it to the call's attempts. */
    private Attempt logged(
        int number, long attemptStart, int status, String outcome, boolean maybe) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStart);
      Attempt attempt = new Attempt(number, status, outcome, elapsed, maybe);
      if (!LOG.isDebugEnabled()) {
        // Not even the arguments' array and boxes when the level is off.
        return attempt;
      }
      LOG.debug(
          "{} {} attempt {} -> {} in {} ms [MS-RequestId={}, MS-CorrelationId={}]",
          request.method(),
          request.url().encodedPath(),
          number,
          outcome,
          elapsed.toMillis(),
          ids.requestId(),
          ids.correlationId());
      return attempt;
    }

    /** A call that ended without an answer to its last attempt: nothing (more) was sent. */
    private TransportException stopped(String why, Throwable cause) {
      return new TransportException(
          ids.operationId() + " stopped: " + why,
          ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
          cause);
    }

    /** The failure of a call whose client was closed before its next attempt could start. */
    private PartnerCenterException closedBeforeNext(PartnerCenterException last) {
      TransportException closedNow = closedWhile(
          "before the next attempt could start", last, ids.requestId(), ids.correlationId());
      boolean earlierMaybe = attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      PartnerCenterException replaced =
          prepared.binding().rules().replace(closedNow, earlierMaybe, ids);
      return replaced != null ? replaced : closedNow;
    }

    /**
     * On {@link Pipeline#close()}: a call with no attempt in flight ends now, with its last
     * failure as the cause; one in flight ends as its attempt does ({@link #decide}).
     */
    private void clientClosed(CallFuture<?> future) {
      if (future.isDone() || currentCall != null || succeeded != null) {
        return;
      }
      if (!attempts.isEmpty() && !retryPlanned) {
        // The last attempt ended the call: its outcome completes the future.
        return;
      }
      PartnerCenterException failure = closedBeforeNext(lastFailure);
      failure.initAttempts(attempts);
      if (future.completeExceptionally(failure)) {
        interruptWaitAndCall();
        CompletableFuture<Outcome> running = future.retries;
        if (running != null) {
          running.cancel(false);
        }
      }
    }

    /**
     * Stops the call: sets the flag every attempt checks before it starts and before its
     * request is written. {@link #interruptWaitAndCall()} then ends a wait for a token and the call
     * in flight.
     *
     * @return the exception the future completes with
     */
    private CallCancelledException cancel() {
      cancelled.set(true);
      // Read after the flag is set; an attempt publishes its call, and the interceptor marks a
      // request sent, before each reads the flag. So a request written after this point is one
      // seen here as in flight, and cancelCallInFlight() cuts it off.
      AttemptState state = currentState;
      Call call = currentCall;
      boolean inFlight = call != null && state != null && state.sent();
      // A GET cut off in flight changed nothing: only a POST or PUT may have taken effect.
      boolean maybe = (inFlight && !prepared.binding().safe())
          || attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      return new CallCancelledException(
          ids.requestId(), ids.correlationId(), attempts, inFlight, maybe);
    }

    /**
     * At the deadline: a call with no attempt in flight (one waiting for a free thread or a
     * retry's turn) ends now with a {@link TransportException}; one in flight ends by itself, as
     * its call timeout is the deadline too.
     */
    private void deadlinePassed(CompletableFuture<?> future) {
      if (future.isDone() || finished || currentCall != null) {
        return;
      }
      cancelled.set(true);
      TransportException late = stopped(
          "the deadline of " + options.deadline().toMillis()
              + " ms passed while the call waited for one of the client's threads"
              + " (maxAsyncConcurrency)",
          null);
      late.initAttempts(attempts);
      if (future.completeExceptionally(late)) {
        interruptWaitAndCall();
      }
    }

    /** Ends a wait for a token and cancels the call in flight, if any; after {@link #cancel()}. */
    private void interruptWaitAndCall() {
      cancelSignal.complete(null);
      Call call = currentCall;
      if (call != null) {
        try {
          call.cancel();
        } catch (RuntimeException listenerFailure) {
          // The call is cancelled before its EventListener runs.
        }
      }
    }

    private TransportException interrupted(InterruptedException interrupt) {
      TransportException e = new TransportException(
          ids.operationId() + " was interrupted",
          ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
          interrupt);
      e.initAttempts(attempts);
      return e;
    }

    private PartnerCenterException unexpected(Throwable cause) {
      PartnerCenterException e = cause instanceof RejectedExecutionException
          ? closedBeforeNext(lastFailure)
          : new TransportException(
              ids.operationId() + " failed unexpectedly: " + cause,
              ErrorDetails.noResponse(ids.requestId(), ids.correlationId()),
              cause);
      e.initAttempts(attempts);
      return e;
    }

    /** The result of the last attempt, or its failure with every attempt attached. */
    private PartnerCenterResponse<?> resultOf(Outcome outcome) {
      finished = true;
      if (outcome.result() != null) {
        return outcome.result();
      }
      throw outcome.failure().initAttempts(attempts);
    }

    /** Completes {@code future} from what Failsafe ended with. */
    private void complete(CallFuture<?> future, Outcome outcome, Throwable error) {
      finished = true;
      if (cancelled.get()) {
        // Cancelled: the canceller completes the future, with the result if there was one.
        return;
      }
      if (error == null) {
        try {
          future.succeed(resultOf(outcome));
        } catch (PartnerCenterException failure) {
          future.completeExceptionally(failure);
        }
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause()
          : error;
      if (!(cause instanceof CancellationException)) {
        future.completeExceptionally(unexpected(cause));
      }
    }
  }

  private static RetryPolicy<Outcome> newPolicy(RetryOptions options) {
    // The policy counts attempts and waits; each attempt decided whether there is another one and
    // how long to wait before it (it never asks for a wait that would pass the deadline).
    return RetryPolicy.<Outcome>builder()
        .handleResultIf(Outcome::retryable)
        // An attempt never throws; if something does all the same, it ends the call.
        .abortOn(Throwable.class)
        .withMaxAttempts(options.maxAttempts())
        .withDelayFn(context -> {
          Outcome last = context.getLastResult();
          return last != null && last.delay() != null ? last.delay() : Duration.ZERO;
        })
        .build();
  }
}
