package org.cspkit.partnercenter.internal;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.Attempt;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.OutcomeUnknownException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.TokenCache.TokenUnavailableException;
import org.cspkit.partnercenter.internal.WireInterceptor.UnplannedRequestException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one logical checkout as a series of attempts, all with the same request and so the same
 * {@code MS-RequestId}, under a Failsafe {@link RetryPolicy} that only counts them and waits: each
 * attempt is classified here, with the whole checkout in view, and decides the wait before the
 * next one (backoff with jitter, or the response's {@code Retry-After}, or none after a 401).
 *
 * <p>Every request that leaves the client is one of these attempts: OkHttp's own retries and
 * redirects are off, and {@link WireInterceptor} stops any second request within an attempt. Each
 * attempt gets its token from the {@link TokenCache} within the deadline, is cut at the deadline,
 * checks for cancellation before it starts and again right before its request is written, and is
 * recorded in the attempts list and the DEBUG log. Thread-safe; one per client.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.partnercenter");

  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final AuthorizationInterceptor authorization;
  private final ResponseHandler responses;
  private final TokenCache tokens;
  private final Duration callTimeout;
  private final RetryOptions defaultOptions;
  private final RetryPolicy<Outcome> defaultPolicy;
  private final ThreadPoolExecutor asyncAttempts;
  /** Ends asynchronous checkouts still waiting for a thread at their deadline. */
  private final ScheduledThreadPoolExecutor deadlines;
  private volatile boolean closed;

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
   * @param maxAsyncConcurrency the most attempts of asynchronous checkouts in flight at once
   */
  public Pipeline(OkHttpClient.Builder http, boolean ownsHttpClient, String userAgent,
      TokenCache tokens, ResponseHandler responses, Duration callTimeout,
      RetryOptions defaultOptions, int maxAsyncConcurrency) {
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
    this.asyncAttempts = new ThreadPoolExecutor(maxAsyncConcurrency, maxAsyncConcurrency, 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Threads.daemon("cspkit-pc-async"));
    this.asyncAttempts.allowCoreThreadTimeOut(true);
    this.deadlines =
        new ScheduledThreadPoolExecutor(1, Threads.daemon("cspkit-pc-deadline"));
    this.deadlines.setRemoveOnCancelPolicy(true);
  }

  /** What one attempt ended in, and the wait before the next one if there is to be one. */
  private record Outcome(CartCheckoutResult result, PartnerCenterException failure,
      boolean retryable, Duration delay) {
    static Outcome last(PartnerCenterException failure) {
      return new Outcome(null, failure, false, null);
    }
  }

  /**
   * The request as it would be sent, with {@code token} in its {@code Authorization} header.
   *
   * @param request the request built from the spec
   * @param token the token value to show, such as a mask
   * @return the request with the authorization and user-agent headers
   */
  public Request preview(Request request, String token) {
    return authorization.authorize(request, token);
  }

  /**
   * Runs a checkout on the calling thread and returns its result: each attempt is a blocking
   * {@link Call#execute()} here, with no thread hand-off, and Failsafe waits between attempts with
   * {@code Thread.sleep}. An interrupt cancels the call in flight (through {@link
   * InterruptWatchdog}), ends a wait for a token or between attempts, and stops every retry.
   *
   * @param request the request, whose {@code MS-RequestId} every attempt repeats
   * @param customerId the customer ID, for messages
   * @param cartId the cart ID, for messages
   * @param options the retry options of this call
   * @param listener told of each failed attempt, or null
   * @return the decoded result
   * @throws PartnerCenterException the last failure, with every attempt; a {@link
   *     TransportException} caused by an {@link InterruptedException} when interrupted, with the
   *     thread's interrupt flag kept
   * @throws IllegalStateException if the executor is closed
   */
  public CartCheckoutResult run(Request request, String customerId, String cartId,
      RetryOptions options, AttemptListener listener) {
    requireOpen();
    Execution execution = new Execution(request, customerId, cartId, options, listener, true);
    Outcome outcome;
    try {
      outcome = Failsafe.with(policy(options)).get(execution::attempt);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException interrupt) {
        Thread.currentThread().interrupt();
        throw execution.interrupted(interrupt);
      }
      throw execution.unexpected(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw execution.unexpected(e);
    }
    if (outcome.result() == null && outcome.failure().statusCode() == 0
        && Thread.currentThread().isInterrupted()) {
      throw execution.interrupted(
          new InterruptedException("interrupted while the call was in flight"));
    }
    return execution.resultOf(outcome);
  }

  /**
   * Starts a checkout and returns at once. Attempts run on this executor's own threads, at most
   * {@code maxAsyncConcurrency} at a time (more wait in a queue, their deadline running); each is
   * a blocking {@link Call#execute()}, and the waits between attempts are scheduled, not slept.
   *
   * @param request the request, whose {@code MS-RequestId} every attempt repeats
   * @param customerId the customer ID, for messages
   * @param cartId the cart ID, for messages
   * @param options the retry options of this call
   * @param listener told of each failed attempt, or null
   * @return the result, or the exception {@link #run} would throw; cancelling it stops the
   *     checkout: no attempt starts and no request byte is written after {@code cancel} returns,
   *     and it is completed with a {@link CallCancelledException}
   * @throws IllegalStateException if the executor is closed
   */
  public CompletableFuture<CartCheckoutResult> start(Request request, String customerId,
      String cartId, RetryOptions options, AttemptListener listener) {
    requireOpen();
    Execution execution = new Execution(request, customerId, cartId, options, listener, false);
    CheckoutFuture future = new CheckoutFuture(execution);
    CompletableFuture<Outcome> retries = Failsafe.with(policy(options))
        .with(asyncAttempts)
        .getAsync(execution::attempt);
    future.retries = retries;
    retries.whenComplete((outcome, error) -> execution.complete(future, outcome, error));
    // An attempt in flight is cut at the deadline by its call timeout; one still waiting for a
    // free thread (maxAsyncConcurrency) is not, so the deadline also ends the checkout here.
    ScheduledFuture<?> deadline = deadlines.schedule(() -> execution.deadlinePassed(future),
        options.deadline().toNanos(), TimeUnit.NANOSECONDS);
    // Completed by anyone else (a timeout, completeExceptionally): stop the checkout as well.
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
   * Releases this executor's threads and, if the OkHttp client is its own, that client's threads
   * and idle connections; an {@code OkHttpClient} the caller passed in is left alone. Attempts in
   * flight finish; later retries of asynchronous checkouts fail with a {@link TransportException}.
   */
  @Override
  public void close() {
    closed = true;
    asyncAttempts.shutdown();
    deadlines.shutdownNow();
    tokens.close();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this PartnerCenterClient is closed");
    }
  }

  private RetryPolicy<Outcome> policy(RetryOptions options) {
    return options.equals(defaultOptions) ? defaultPolicy : newPolicy(options);
  }

  /** The future of an asynchronous checkout; cancelling it stops the checkout. */
  private static final class CheckoutFuture extends CompletableFuture<CartCheckoutResult> {
    private final Execution execution;
    private volatile CompletableFuture<Outcome> retries;

    private CheckoutFuture(Execution execution) {
      this.execution = execution;
    }

    /**
     * Stops the checkout before completing: once this returns, no attempt starts and no request
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
      CartCheckoutResult succeeded = execution.succeeded;
      if (succeeded != null) {
        // The checkout had already succeeded: that is its outcome, not a cancellation.
        complete(succeeded);
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

  /** One checkout: its request, its attempts so far, its deadline and its cancellation. */
  private final class Execution {
    private final Request request;
    private final ResponseHandler.Ids ids;
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
    private volatile CartCheckoutResult succeeded;
    /** Whether a 401 has been answered with a fresh token; read and written by attempts only. */
    private boolean replayed401;

    private Execution(Request request, String customerId, String cartId, RetryOptions options,
        AttemptListener listener, boolean onCallingThread) {
      this.request = request;
      this.ids = new ResponseHandler.Ids(customerId, cartId, request.header("MS-RequestId"),
          request.header("MS-CorrelationId"));
      this.options = options;
      this.listener = listener;
      this.onCallingThread = onCallingThread;
      this.cancelSignal = onCallingThread ? null : new CompletableFuture<>();
    }

    private long leftNanos() {
      return options.deadline().toNanos() - (System.nanoTime() - startNanos);
    }

    /** One attempt, run by Failsafe on the calling or an async thread; never throws. */
    private Outcome attempt(ExecutionContext<Outcome> context) {
      try {
        return attemptOnce(context);
      } catch (RuntimeException e) {
        // A bug of ours or of a caller's interceptor: end the checkout, do not retry it.
        return Outcome.last(new TransportException("The attempt failed unexpectedly: " + e,
            ErrorDetails.noResponse(ids.requestId(), ids.correlationId()), e));
      }
    }

    private Outcome attemptOnce(ExecutionContext<Outcome> context) {
      if (cancelled.get()) {
        return Outcome.last(stopped("the checkout was cancelled", null));
      }
      Outcome previous = context.getLastResult();
      if (leftNanos() < AttemptClassifier.minimumAttemptNanos(options)) {
        // A wait that ran late, or a queue for a free thread that took the whole deadline.
        return previous != null ? Outcome.last(previous.failure())
            : Outcome.last(stopped("the deadline of " + options.deadline().toMillis()
                + " ms passed before the first attempt could start", null));
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
        return Outcome.last(stopped("the checkout was cancelled", e));
      } catch (TokenUnavailableException e) {
        PartnerCenterException failure = responses.tokenFailure(e, ids);
        record(number, attemptStart, 0, "no token: " + e.getMessage(), false);
        return Outcome.last(failure);
      }
      AttemptState state = new AttemptState(token.value(), cancelled);
      Call call = httpClient.newCall(request.newBuilder().tag(AttemptState.class, state).build());
      long timeoutNanos = leftNanos();
      if (!callTimeout.isZero()) {
        timeoutNanos = Math.min(timeoutNanos, callTimeout.toNanos());
      }
      call.timeout().timeout(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
      currentState = state;
      currentCall = call;
      // Read after currentCall is set; cancel() sets the flag before it reads currentCall. So
      // either this sees the cancel, or the cancel sees this call and cancels it.
      if (cancelled.get()) {
        currentCall = null;
        return Outcome.last(stopped("the checkout was cancelled", null));
      }
      if (onCallingThread) {
        InterruptWatchdog.INSTANCE.watch(call);
      }
      try (Response response = call.execute()) {
        CartCheckoutResult result = responses.handle(response, ids, state.secrets());
        succeeded = result;
        record(number, attemptStart, response.code(), response.code() + " (decoded)", false);
        return new Outcome(result, null, false, null);
      } catch (PartnerCenterException e) {
        return failed(e, null, state, call, token, number, attemptStart);
      } catch (UnplannedRequestException e) {
        // OkHttp (or an interceptor) wanted to send again after this response: report the
        // response; the policy decides whether there is another attempt.
        return failed(responses.statusOnly(e.status, request, e.headers, ids, state.secrets()),
            null, state, call, token, number, attemptStart);
      } catch (IOException e) {
        return failed(responses.failure(e, ids, state.secrets()), e, state, call, token, number,
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
      }
    }

    private Outcome failed(PartnerCenterException failure, IOException io, AttemptState state,
        Call call, AccessToken token, int number, long attemptStart) {
      Outcome outcome = classify(failure, io, state, call, token, number, attemptStart);
      if (listener != null && !attempts.isEmpty()) {
        try {
          listener.attemptFailed(attempts.get(attempts.size() - 1), options.maxAttempts(),
              outcome.retryable() && number < options.maxAttempts()
                  ? Optional.of(outcome.delay()) : Optional.empty());
        } catch (Throwable ignored) {
          LOG.debug("the attempt listener failed", ignored);
        }
      }
      return outcome;
    }

    /** Records the failed attempt and decides whether another follows, and after what wait. */
    private Outcome classify(PartnerCenterException failure, IOException io, AttemptState state,
        Call call, AccessToken token, int number, long attemptStart) {
      int status = failure.statusCode();
      boolean earlierMaybe = attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      record(number, attemptStart, status, AttemptClassifier.describe(failure, io, state.secrets()),
          AttemptClassifier.mayHaveSucceeded(failure, io, state));
      if (status == 400 && failure.errorCode().orElse(0) == 800065 && earlierMaybe) {
        return Outcome.last(new OutcomeUnknownException(ids.customerId(), ids.cartId(),
            failure.details()));
      }
      // An interrupt ends the call either through the watchdog's cancel or, when Okio notices it
      // first, as an InterruptedIOException: neither is retried, nor is a cancelled checkout.
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
      } else if (!AttemptClassifier.isRetryable(failure)) {
        return Outcome.last(failure);
      } else {
        Duration retryAfter = status == 0 ? null : ResponseHandler.retryAfter(state.headers());
        delay = retryAfter != null ? retryAfter : AttemptClassifier.backoff(options, number);
      }
      // A retry that would start too close to the deadline is not made: fail now, not later.
      boolean fits = delay.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) < 0
          && leftNanos() - delay.toNanos() >= AttemptClassifier.minimumAttemptNanos(options);
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

    private void record(int number, long attemptStart, int status, String outcome,
        boolean maybe) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStart);
      attempts.add(new Attempt(number, status, outcome, elapsed, maybe));
      LOG.debug("{} {} attempt {} -> {} in {} ms [MS-RequestId={}, MS-CorrelationId={}]",
          request.method(), request.url().encodedPath(), number, outcome, elapsed.toMillis(),
          ids.requestId(), ids.correlationId());
    }

    /** A checkout that ended without an answer to its last attempt: nothing (more) was sent. */
    private TransportException stopped(String why, Throwable cause) {
      return new TransportException("The checkout stopped: " + why,
          ErrorDetails.noResponse(ids.requestId(), ids.correlationId()), cause);
    }

    /**
     * Stops the checkout: sets the flag every attempt checks before it starts and before its
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
      boolean maybe = inFlight || attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      return new CallCancelledException(ids.requestId(), ids.correlationId(), attempts,
          inFlight, maybe);
    }

    /**
     * At the deadline: a checkout with no attempt in flight (one waiting for a free thread or a
     * retry's turn) ends now with a {@link TransportException}; one in flight ends by itself, as
     * its call timeout is the deadline too.
     */
    private void deadlinePassed(CompletableFuture<CartCheckoutResult> future) {
      if (future.isDone() || finished || currentCall != null) {
        return;
      }
      cancelled.set(true);
      TransportException late = stopped("the deadline of " + options.deadline().toMillis()
          + " ms passed while the checkout waited for one of the client's threads"
          + " (maxAsyncConcurrency)", null);
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
      TransportException e = new TransportException("The checkout was interrupted",
          ErrorDetails.noResponse(ids.requestId(), ids.correlationId()), interrupt);
      e.initAttempts(attempts);
      return e;
    }

    private TransportException unexpected(Throwable cause) {
      String summary = cause instanceof RejectedExecutionException
          ? "The PartnerCenterClient was closed before the next attempt could start"
          : "The checkout failed unexpectedly: " + cause;
      TransportException e = new TransportException(summary,
          ErrorDetails.noResponse(ids.requestId(), ids.correlationId()), cause);
      e.initAttempts(attempts);
      return e;
    }

    /** The result of the last attempt, or its failure with every attempt attached. */
    private CartCheckoutResult resultOf(Outcome outcome) {
      finished = true;
      if (outcome.result() != null) {
        return outcome.result();
      }
      throw outcome.failure().initAttempts(attempts);
    }

    /** Completes {@code future} from what Failsafe ended with. */
    private void complete(CompletableFuture<CartCheckoutResult> future, Outcome outcome,
        Throwable error) {
      finished = true;
      if (cancelled.get()) {
        // Cancelled: the canceller completes the future, with the result if there was one.
        return;
      }
      if (error == null) {
        try {
          future.complete(resultOf(outcome));
        } catch (PartnerCenterException failure) {
          future.completeExceptionally(failure);
        }
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
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
        // An attempt never throws; if something does all the same, it ends the checkout.
        .abortOn(Throwable.class)
        .withMaxAttempts(options.maxAttempts())
        .withDelayFn(context -> {
          Outcome last = context.getLastResult();
          return last != null && last.delay() != null ? last.delay() : Duration.ZERO;
        })
        .build();
  }
}
