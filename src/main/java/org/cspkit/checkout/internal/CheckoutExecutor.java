package org.cspkit.checkout.internal;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.checkout.RetryOptions;
import org.cspkit.checkout.exception.Attempt;
import org.cspkit.checkout.exception.CheckoutOutcomeUnknownException;
import org.cspkit.checkout.exception.ConflictException;
import org.cspkit.checkout.exception.ErrorDetails;
import org.cspkit.checkout.exception.PartnerCenterException;
import org.cspkit.checkout.exception.ThrottledException;
import org.cspkit.checkout.exception.TransportException;
import org.cspkit.checkout.exception.UndecodableResponseException;
import org.cspkit.checkout.model.CartCheckoutResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one logical checkout: attempts on OkHttp's dispatcher threads, retried by a Failsafe {@link
 * RetryPolicy} (backoff with jitter, {@code Retry-After}, max attempts, deadline), all with the
 * same request and so the same {@code MS-RequestId}. Each attempt is classified here, with the
 * whole checkout in view; Failsafe only runs the loop. Thread-safe; one per client.
 */
public final class CheckoutExecutor {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.checkout");

  private final OkHttpClient httpClient;
  private final ResponseHandler responses;
  private final Duration callTimeout;
  private final RetryOptions defaultOptions;
  private final RetryPolicy<Outcome> defaultPolicy;

  /**
   * Creates the executor.
   *
   * @param httpClient the client, with the authorization and wire interceptors
   * @param responses turns responses into results and exceptions
   * @param callTimeout the limit on one attempt (0: none), further cut at the deadline
   * @param defaultOptions the client's retry options
   */
  public CheckoutExecutor(OkHttpClient httpClient, ResponseHandler responses,
      Duration callTimeout, RetryOptions defaultOptions) {
    this.httpClient = httpClient;
    this.responses = responses;
    this.callTimeout = callTimeout;
    this.defaultOptions = defaultOptions;
    this.defaultPolicy = newPolicy(defaultOptions);
  }

  /** What one attempt ended in, and whether another attempt should follow. */
  private record Outcome(CartCheckoutResult result, PartnerCenterException failure,
      boolean retryable, Duration retryAfter) {}

  /**
   * Runs a checkout on the calling thread and returns its result: each attempt is a blocking
   * {@link Call#execute()} here, with no thread hand-off, and Failsafe waits between attempts with
   * {@code Thread.sleep}. An interrupt cancels the call in flight (through {@link
   * InterruptWatchdog}) or ends the wait, and every retry still to come.
   *
   * @param request the request, whose {@code MS-RequestId} every attempt repeats
   * @param customerId the customer ID, for messages
   * @param cartId the cart ID, for messages
   * @param options the retry options of this call
   * @return the decoded result
   * @throws PartnerCenterException the last failure, with every attempt; a {@link
   *     TransportException} caused by an {@link InterruptedException} when interrupted, with the
   *     thread's interrupt flag kept
   */
  public CartCheckoutResult run(Request request, String customerId, String cartId,
      RetryOptions options) {
    Execution execution = new Execution(request, customerId, cartId, options, true);
    Outcome outcome;
    try {
      outcome = Failsafe.with(policy(options)).get(execution::attempt);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException interrupt) {
        Thread.currentThread().interrupt();
        throw execution.interrupted(interrupt);
      }
      throw execution.unexpected(e.getCause() == null ? e : e.getCause());
    }
    if (outcome.result() == null && Thread.currentThread().isInterrupted()) {
      throw execution.interrupted(
          new InterruptedException("interrupted while the call was in flight"));
    }
    return execution.resultOf(outcome);
  }

  /**
   * Starts a checkout and returns at once. Each attempt is a blocking {@link Call#execute()} on
   * OkHttp's dispatcher executor, the threads OkHttp's own {@code enqueue} uses; the waits between
   * attempts are scheduled, not slept.
   *
   * @param request the request, whose {@code MS-RequestId} every attempt repeats
   * @param customerId the customer ID, for messages
   * @param cartId the cart ID, for messages
   * @param options the retry options of this call
   * @return the result, or the exception {@link #run} would throw; cancelling it calls {@link
   *     Call#cancel()} on the attempt in flight and stops the retries
   */
  public CompletableFuture<CartCheckoutResult> start(Request request, String customerId,
      String cartId, RetryOptions options) {
    Execution execution = new Execution(request, customerId, cartId, options, false);
    CompletableFuture<CartCheckoutResult> future = new CompletableFuture<>();
    CompletableFuture<Outcome> retries = Failsafe.with(policy(options))
        .with(httpClient.dispatcher().executorService())
        .getAsync(execution::attempt);
    retries.whenComplete((outcome, error) -> execution.complete(future, outcome, error));
    future.whenComplete((result, error) -> {
      if (future.isCancelled()) {
        retries.cancel(true);
      }
    });
    return future;
  }

  private RetryPolicy<Outcome> policy(RetryOptions options) {
    return options.equals(defaultOptions) ? defaultPolicy : newPolicy(options);
  }

  /** One checkout: its request, its attempts so far, and its deadline. */
  private final class Execution {
    private final Request request;
    private final String requestId;
    private final String correlationId;
    private final String customerId;
    private final String cartId;
    private final RetryOptions options;
    private final boolean onCallingThread;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();

    private Execution(Request request, String customerId, String cartId, RetryOptions options,
        boolean onCallingThread) {
      this.request = request;
      this.requestId = request.header("MS-RequestId");
      this.correlationId = request.header("MS-CorrelationId");
      this.customerId = customerId;
      this.cartId = cartId;
      this.options = options;
      this.onCallingThread = onCallingThread;
    }

    /**
     * The exception for a checkout stopped by an interrupt: no answer, perhaps sent.
     *
     * @param interrupt the interrupt
     * @return the exception, with the attempts so far
     */
    private TransportException interrupted(InterruptedException interrupt) {
      TransportException e = new TransportException("The checkout was interrupted",
          ErrorDetails.noResponse(requestId, correlationId), interrupt);
      e.initAttempts(attempts);
      return e;
    }

    private TransportException unexpected(Throwable cause) {
      TransportException e = new TransportException("The checkout failed unexpectedly: " + cause,
          ErrorDetails.noResponse(requestId, correlationId), cause);
      e.initAttempts(attempts);
      return e;
    }

    private Duration left() {
      return options.deadline().minusNanos(System.nanoTime() - startNanos);
    }

    /** One attempt, run by Failsafe on the calling or a dispatcher thread; never throws. */
    private Outcome attempt(ExecutionContext<Outcome> context) {
      // Failsafe shortens the last wait to end at the deadline; an attempt started then would
      // only time out (and might reach the service). Keep the previous outcome instead.
      Outcome previous = context.getLastResult();
      if (previous != null && left().compareTo(minimumAttemptTime(options)) < 0) {
        return new Outcome(previous.result(), previous.failure(), false, null);
      }
      int number = attempts.size() + 1;
      WireInterceptor.Sent sent = new WireInterceptor.Sent();
      Call call = httpClient.newCall(request.newBuilder().tag(WireInterceptor.Sent.class, sent)
          .build());
      long timeoutMillis = Math.max(1, left().toMillis());
      if (!callTimeout.isZero()) {
        timeoutMillis = Math.min(timeoutMillis, callTimeout.toMillis());
      }
      call.timeout().timeout(timeoutMillis, TimeUnit.MILLISECONDS);
      context.onCancel(call::cancel);
      long attemptStart = System.nanoTime();
      if (onCallingThread) {
        InterruptWatchdog.INSTANCE.watch(call);
      }
      try (Response response = call.execute()) {
        CartCheckoutResult result = responses.handle(response, requestId, correlationId);
        record(number, attemptStart, response.code(), response.code() + " (decoded)", false);
        return new Outcome(result, null, false, null);
      } catch (PartnerCenterException e) {
        return failed(e, null, sent, call, number, attemptStart);
      } catch (IOException e) {
        return failed(responses.failure(e, requestId, correlationId), e, sent, call, number,
            attemptStart);
      } catch (RuntimeException e) {
        return failed(new TransportException("Decoding the response failed unexpectedly: " + e,
            ErrorDetails.noResponse(requestId, correlationId), e), null, sent, call, number,
            attemptStart);
      } finally {
        if (onCallingThread) {
          InterruptWatchdog.INSTANCE.release();
        }
      }
    }

    private Outcome failed(PartnerCenterException failure, IOException io,
        WireInterceptor.Sent sent, Call call, int number, long attemptStart) {
      int status = failure.statusCode();
      boolean earlierMaybe = attempts.stream().anyMatch(Attempt::mayHaveSucceeded);
      record(number, attemptStart, status, describe(failure, io),
          mayHaveSucceeded(failure, io, sent));
      if (status == 400 && failure.errorCode().orElse(0) == 800065 && earlierMaybe) {
        return new Outcome(null, new CheckoutOutcomeUnknownException(customerId, cartId,
            failure.details()), false, null);
      }
      Duration retryAfter = failure instanceof ThrottledException throttled
          ? throttled.retryAfter().orElse(null) : null;
      // An interrupt ends the call either through the watchdog's cancel or, when Okio notices it
      // first, as an InterruptedIOException: neither is retried.
      boolean interrupted = onCallingThread && Thread.currentThread().isInterrupted();
      boolean retryable = !call.isCanceled() && !interrupted && isRetryable(failure)
          && (retryAfter == null || retryAfter.compareTo(left()) < 0);
      return new Outcome(null, failure, retryable, retryAfter);
    }

    private void record(int number, long attemptStart, int status, String outcome,
        boolean maybe) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStart);
      attempts.add(new Attempt(number, status, outcome, elapsed, maybe));
      LOG.debug("{} {} attempt {} -> {} in {} ms [MS-RequestId={}, MS-CorrelationId={}]",
          request.method(), request.url().encodedPath(), number, outcome, elapsed.toMillis(),
          requestId, correlationId);
    }

    /** The result of the last attempt, or its failure with every attempt attached. */
    private CartCheckoutResult resultOf(Outcome outcome) {
      if (outcome.result() != null) {
        return outcome.result();
      }
      throw outcome.failure().initAttempts(attempts);
    }

    /** Completes {@code future} from what Failsafe ended with. */
    private void complete(CompletableFuture<CartCheckoutResult> future, Outcome outcome,
        Throwable error) {
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
      future.completeExceptionally(
          cause instanceof CancellationException ? cause : unexpected(cause));
    }
  }

  /** No attempt starts with less than this left before the deadline: a tenth of it, at most 1 s. */
  static Duration minimumAttemptTime(RetryOptions options) {
    Duration tenth = options.deadline().dividedBy(10);
    return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? tenth : Duration.ofSeconds(1);
  }

  /** Retried: no response, 408, 429, 500, 502, 503, 504, and 409 with 800064 or 800060. */
  static boolean isRetryable(PartnerCenterException failure) {
    if (failure instanceof TransportException) {
      return true;
    }
    int status = failure.statusCode();
    if (failure instanceof ConflictException) {
      int code = failure.errorCode().orElse(0);
      return code == 800064 || code == 800060;
    }
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
        || status == 504;
  }

  /**
   * Whether the attempt may have created orders: the request was sent and no answer came
   * (anything but a refused connection or unknown host), a gateway timed out, or a 2xx body could
   * not be decoded.
   */
  private static boolean mayHaveSucceeded(PartnerCenterException failure, IOException io,
      WireInterceptor.Sent sent) {
    if (failure instanceof TransportException) {
      return sent.sent() && !(io instanceof ConnectException || io instanceof UnknownHostException);
    }
    int status = failure.statusCode();
    return status == 502 || status == 504
        || (failure instanceof UndecodableResponseException && status >= 200 && status < 300);
  }

  private static String describe(PartnerCenterException failure, IOException io) {
    if (failure.statusCode() == 0) {
      Throwable cause = io != null ? io : failure.getCause();
      return "no response: " + (cause == null ? failure.getClass().getSimpleName() : cause);
    }
    return failure.statusCode() + failure.serviceError()
        .map(fault -> fault.code() == null ? "" : " (" + fault.code() + ")").orElse("")
        + (failure instanceof UndecodableResponseException ? " (undecodable body)" : "");
  }

  private static RetryPolicy<Outcome> newPolicy(RetryOptions options) {
    double jitter = options.jitter();
    return RetryPolicy.<Outcome>builder()
        .handleResultIf(Outcome::retryable)
        .withMaxAttempts(options.maxAttempts())
        .withMaxDuration(options.deadline())
        .withBackoff(options.initialDelay(), options.maxDelay())
        .withJitter(jitter)
        // Retry-After replaces the backoff. Failsafe varies every wait by ±jitter, so ask for
        // Retry-After / (1 - jitter): the shortest wait is then Retry-After itself.
        .withDelayFn(context -> {
          Outcome last = context.getLastResult();
          return last != null && last.retryAfter() != null
              ? Duration.ofNanos((long) (last.retryAfter().toNanos() / (1 - jitter)))
              : Duration.ofNanos(-1);
        })
        .build();
  }
}
