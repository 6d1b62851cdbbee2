package org.cspkit.partnercenter.internal;

import dev.failsafe.ExecutionContext;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Request;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.CallCancelledException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;

/**
 * One call: its request (every attempt repeats it, and so its {@code MS-RequestId}), its deadline,
 * its cancellation, and its end. Failsafe runs its attempts ({@link AttemptSender}) under a retry
 * policy that only counts them and waits; after each failed attempt this call records it ({@link
 * CallRecord}) and asks its {@link RetryDecision} for the next one. It ends with the result, the
 * last failure (which the operation's rules may replace), or a {@link TransportException} when it
 * is stopped: interrupted, cancelled, past its deadline, or its client closed. Its state is read by
 * the canceller, the deadline, the client's close and the attempt in flight, on their threads.
 */
final class PipelineCall {
  private final Pipeline pipeline;
  private final Calls.Prepared prepared;
  private final RetryOptions options;
  private final boolean onCallingThread;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  /** Completed on cancel, to end a wait for a token; only the asynchronous path waits on it. */
  private final CompletableFuture<Void> cancelSignal;

  private final CallRecord record;
  private final RetryDecision retry;
  private final Telemetry.Operation operation;
  /** The attempt whose call may be in flight, set before its cancel check; or null. */
  private volatile Call currentCall;

  private volatile AttemptState currentState;
  private volatile boolean finished;
  /** The result, once an attempt has decoded one; read by a cancel after it set the flag. */
  private volatile PartnerCenterResponse<?> succeeded;
  /** Whether the last attempt that ended is to be followed by another. */
  private volatile boolean retryPlanned;
  /** The future of an asynchronous call, set as it starts; null for a blocking one. */
  private volatile AsyncCall<?> future;

  PipelineCall(
      Pipeline pipeline,
      Calls.Prepared prepared,
      RetryOptions options,
      boolean onCallingThread,
      TokenCache tokens,
      Telemetry telemetry) {
    this.pipeline = pipeline;
    this.prepared = prepared;
    this.options = options;
    this.onCallingThread = onCallingThread;
    this.cancelSignal = onCallingThread ? null : new CompletableFuture<>();
    this.operation = telemetry.start(prepared.info());
    this.record = new CallRecord(
        prepared.request(),
        prepared.info(),
        prepared.options().attemptListener().orElse(null),
        operation);
    this.retry = new RetryDecision(options, prepared.binding().rules(), tokens);
  }

  Request request() {
    return prepared.request();
  }

  CallInfo ids() {
    return prepared.info();
  }

  OperationBinding<?> binding() {
    return prepared.binding();
  }

  CallRecord record() {
    return record;
  }

  Telemetry.Operation operation() {
    return operation;
  }

  RetryOptions options() {
    return options;
  }

  AtomicBoolean cancelledFlag() {
    return cancelled;
  }

  CompletableFuture<Void> cancelSignal() {
    return cancelSignal;
  }

  boolean finished() {
    return finished;
  }

  void finish() {
    finished = true;
  }

  /** Whether an attempt's call may be in flight. */
  boolean attemptInFlight() {
    return currentCall != null;
  }

  boolean retryPlanned() {
    return retryPlanned;
  }

  PartnerCenterResponse<?> succeededResult() {
    return succeeded;
  }

  void succeeded(PartnerCenterResponse<?> done) {
    succeeded = done;
  }

  void retryPlanned(boolean planned) {
    retryPlanned = planned;
  }

  void future(AsyncCall<?> async) {
    future = async;
  }

  long leftNanos() {
    return options.deadline().toNanos() - (System.nanoTime() - startNanos);
  }

  /**
   * Runs the attempts on the calling thread, in the call's span.
   *
   * @param attempts the Failsafe executor of the call's retry policy
   * @return the result and its response
   * @throws PartnerCenterException the last failure, with every attempt
   */
  PartnerCenterResponse<?> runHere(FailsafeExecutor<AttemptOutcome> attempts) {
    return operation.run(() -> {
      AttemptOutcome outcome;
      try {
        outcome = attempts.get(this::attempt);
      } catch (FailsafeException e) {
        if (e.getCause() instanceof InterruptedException interrupt) {
          Thread.currentThread().interrupt();
          throw interrupted(interrupt);
        }
        throw unexpected(e.getCause() == null ? e : e.getCause());
      } catch (RuntimeException e) {
        throw unexpected(e);
      }
      if (outcome.result() == null
          && outcome.failure().statusCode() == 0
          && Thread.currentThread().isInterrupted()) {
        throw interrupted(new InterruptedException("interrupted while the call was in flight"));
      }
      return resultOf(outcome);
    });
  }

  /** One attempt, run by Failsafe on the calling or an async thread; never throws. */
  AttemptOutcome attempt(ExecutionContext<AttemptOutcome> context) {
    try {
      if (cancelled.get()) {
        return AttemptOutcome.last(stopped("the call was cancelled", null));
      }
      AttemptOutcome previous = context.getLastResult();
      PartnerCenterException previousFailure = previous == null ? null : previous.failure();
      if (pipeline.isClosed()) {
        return AttemptOutcome.last(closedBeforeNext(previousFailure));
      }
      if (leftNanos() < AttemptClassifier.minimumAttemptNanos(options)) {
        // A wait that ran late, or a queue for a free thread that took the whole deadline.
        retryPlanned = false;
        return previousFailure != null
            ? AttemptOutcome.last(previousFailure)
            : AttemptOutcome.last(stopped(
                "the deadline of " + options.deadline().toMillis()
                    + " ms passed before the first attempt could start",
                null));
      }
      return pipeline.sender().send(this, previousFailure);
    } catch (RuntimeException e) {
      // A bug of ours or of a caller's interceptor: end the call, do not retry it.
      TransportException failure = new TransportException(
          "The attempt failed unexpectedly: " + e,
          ErrorDetails.noResponse(ids().requestId(), ids().correlationId()),
          e);
      // Thrown before the attempt recorded itself: its span ends here, not never.
      record.endAttempt(null, null, failure);
      return AttemptOutcome.last(failure);
    }
  }

  /**
   * Publishes the attempt's call as in flight, then checks for a cancel or a close: either they
   * see this call, or this sees their flag.
   *
   * @return the failure that stops the attempt before anything is sent, or null to send it
   */
  PartnerCenterException inFlight(
      Call call, AttemptState state, PartnerCenterException previousFailure) {
    currentState = state;
    currentCall = call;
    // Read after currentCall is set; cancel() and close() set their flag before they read
    // currentCall. So either this sees the flag, or they see this call in flight.
    if (cancelled.get() || pipeline.isClosed()) {
      currentCall = null;
      return cancelled.get()
          ? stopped("the call was cancelled", null)
          : closedBeforeNext(previousFailure);
    }
    if (onCallingThread) {
      InterruptWatchdog.INSTANCE.watch(call);
    }
    return null;
  }

  /** The attempt goes out on another connection with {@code next}, the same request. */
  void retargeted(Call next) throws IOException {
    currentCall = next;
    // As before the first execute: either a cancel or close sees this call, or this sees it.
    if (cancelled.get() || pipeline.isClosed()) {
      throw new IOException("Canceled");
    }
    if (onCallingThread) {
      InterruptWatchdog.INSTANCE.watch(next);
    }
  }

  /** The attempt in flight has ended. */
  void attemptEnded() {
    if (onCallingThread) {
      InterruptWatchdog.INSTANCE.release();
    }
    currentCall = null;
    currentState = null;
    AsyncCall<?> async = future;
    if (pipeline.isClosed() && async != null) {
      // Closed while this attempt was in flight, after it had decided on a retry.
      async.clientClosed();
    }
  }

  /** Records the failed attempt and decides whether another follows, and after what wait. */
  AttemptOutcome failed(
      PartnerCenterException failure, IOException io, AttemptSender.Attempted attempted) {
    boolean earlierMaybe = record.anyMayHaveSucceeded();
    record.failed(
        attempted.number(),
        attempted.start(),
        failure,
        io,
        attempted.state(),
        binding().safe());
    AttemptOutcome outcome = decide(failure, attempted);
    retryPlanned = outcome.retryable();
    if (!outcome.retryable()) {
      // The call ends here: the operation may put its own exception in place of this one.
      PartnerCenterException replaced = binding().rules().replace(failure, earlierMaybe, ids());
      if (replaced != null) {
        outcome = AttemptOutcome.last(replaced);
      }
    }
    record.notifyListener(
        options.maxAttempts(),
        outcome.retryable() && attempted.number() < options.maxAttempts()
            ? Optional.of(outcome.delay())
            : Optional.empty());
    return outcome;
  }

  private AttemptOutcome decide(PartnerCenterException failure, AttemptSender.Attempted attempted) {
    // An interrupt ends the call either through the watchdog's cancel or, when Okio notices it
    // first, as an InterruptedIOException: neither is retried, nor is a cancelled call.
    boolean interrupted = onCallingThread && Thread.currentThread().isInterrupted();
    if (cancelled.get() || attempted.call().isCanceled() || interrupted) {
      return AttemptOutcome.last(failure);
    }
    Duration delay = retry.nextDelay(
        failure,
        failure.statusCode() == 0 ? null : attempted.state().headers(),
        attempted.token(),
        attempted.number(),
        leftNanos(),
        cancelSignal);
    if (delay == null) {
      return AttemptOutcome.last(failure);
    }
    if (pipeline.isClosed()) {
      return AttemptOutcome.last(closedBeforeNext(failure));
    }
    return new AttemptOutcome(null, failure, true, delay);
  }

  /** A call that ended without an answer to its last attempt: nothing (more) was sent. */
  TransportException stopped(String why, Throwable cause) {
    return new TransportException(
        ids().operationId() + " stopped: " + why,
        ErrorDetails.noResponse(ids().requestId(), ids().correlationId()),
        cause);
  }

  /** The failure of a call whose client was closed before its next attempt could start. */
  PartnerCenterException closedBeforeNext(PartnerCenterException last) {
    TransportException closedNow = Pipeline.closedWhile(
        "before the next attempt could start", last, ids().requestId(), ids().correlationId());
    PartnerCenterException replaced =
        binding().rules().replace(closedNow, record.anyMayHaveSucceeded(), ids());
    return replaced != null ? replaced : closedNow;
  }

  /**
   * Stops the call: sets the flag every attempt checks before it starts and before its request is
   * written. {@link #interruptWaitAndCall()} then ends a wait for a token and the call in flight.
   *
   * @return the exception the future completes with
   */
  CallCancelledException cancel() {
    cancelled.set(true);
    // Read after the flag is set; an attempt publishes its call, and the interceptor marks a
    // request sent, before each reads the flag. So a request written after this point is one
    // seen here as in flight, and interruptWaitAndCall() cuts it off.
    AttemptState state = currentState;
    Call call = currentCall;
    boolean inFlight = call != null && state != null && state.sent();
    // A GET cut off in flight changed nothing: only a POST, PUT or PATCH may have taken effect.
    boolean maybe = (inFlight && !binding().safe()) || record.anyMayHaveSucceeded();
    return new CallCancelledException(
        ids().requestId(), ids().correlationId(), record.attempts(), inFlight, maybe);
  }

  /** Ends a wait for a token and cancels the call in flight, if any; after {@link #cancel()}. */
  void interruptWaitAndCall() {
    if (cancelSignal != null) {
      cancelSignal.complete(null);
    }
    Call call = currentCall;
    if (call != null) {
      try {
        call.cancel();
      } catch (RuntimeException listenerFailure) {
        // The call is cancelled before its EventListener runs.
      }
    }
  }

  TransportException interrupted(InterruptedException interrupt) {
    TransportException e = new TransportException(
        ids().operationId() + " was interrupted",
        ErrorDetails.noResponse(ids().requestId(), ids().correlationId()),
        interrupt);
    e.initAttempts(record.attempts());
    return e;
  }

  PartnerCenterException unexpected(Throwable cause) {
    PartnerCenterException e = cause instanceof RejectedExecutionException
        ? closedBeforeNext(record.lastFailure())
        : new TransportException(
            ids().operationId() + " failed unexpectedly: " + cause,
            ErrorDetails.noResponse(ids().requestId(), ids().correlationId()),
            cause);
    e.initAttempts(record.attempts());
    return e;
  }

  /** The result of the last attempt, or its failure with every attempt attached. */
  PartnerCenterResponse<?> resultOf(AttemptOutcome outcome) {
    finished = true;
    if (outcome.result() != null) {
      return outcome.result();
    }
    throw outcome.failure().initAttempts(record.attempts());
  }
}
