package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-call settings of any operation (Stripe's {@code RequestOptions}): the {@code MS-RequestId}
 * and {@code MS-CorrelationId} to send, the retry options and an attempt listener.
 * Operation-specific parameters (such as checkout's customer user) are not here; see {@link
 * CheckoutParams}.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, derive with {@link #newBuilder()}.
 * Unset values are generated per call by {@link PartnerCenterClient}.
 */
public final class RequestOptions {
  private static final RequestOptions DEFAULTS = new Builder().build();

  private final UUID requestId;
  private final UUID correlationId;
  private final RetryOptions retryOptions;
  private final AttemptListener attemptListener;

  private RequestOptions(Builder builder) {
    this.requestId = builder.requestId;
    this.correlationId = builder.correlationId;
    this.retryOptions = builder.retryOptions;
    this.attemptListener = builder.attemptListener;
  }

  /**
   * Options with nothing set: a new {@code MS-RequestId} and {@code MS-CorrelationId} per call,
   * the client's retry options, no listener.
   *
   * @return the shared default instance
   */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this instance's values.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.requestId = requestId;
    builder.correlationId = correlationId;
    builder.retryOptions = retryOptions;
    builder.attemptListener = attemptListener;
    return builder;
  }

  /**
   * The {@code MS-RequestId} to send, the idempotency key of this logical call.
   *
   * @return the caller's ID, or empty to have one generated per call
   */
  public Optional<UUID> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The {@code MS-CorrelationId} to send, for tracing across calls.
   *
   * @return the caller's ID, or empty to have one generated per call
   */
  public Optional<UUID> correlationId() {
    return Optional.ofNullable(correlationId);
  }

  /**
   * The retry options of this call, replacing the client's.
   *
   * @return the options, or empty to use the client's
   */
  public Optional<RetryOptions> retryOptions() {
    return Optional.ofNullable(retryOptions);
  }

  /**
   * The listener told of each failed attempt of this call.
   *
   * @return the listener, or empty for none
   */
  public Optional<AttemptListener> attemptListener() {
    return Optional.ofNullable(attemptListener);
  }

  @Override
  public String toString() {
    return "RequestOptions{requestId=" + requestId + ", correlationId=" + correlationId
        + ", retryOptions=" + retryOptions + "}";
  }

  /** Builds {@link RequestOptions}. Not thread-safe. */
  public static final class Builder {
    private UUID requestId;
    private UUID correlationId;
    private RetryOptions retryOptions;
    private AttemptListener attemptListener;

    private Builder() {}

    /**
     * Tells {@code listener} of each attempt of this call that ends without a result, with the
     * wait before the next one.
     *
     * @param listener the listener, or null for none
     * @return this builder
     */
    public Builder attemptListener(AttemptListener listener) {
      this.attemptListener = listener;
      return this;
    }

    /**
     * Retries this call with other options than the client's, such as {@link RetryOptions#NONE}.
     *
     * @param retryOptions the options, or null to use the client's
     * @return this builder
     */
    public Builder retryOptions(RetryOptions retryOptions) {
      this.retryOptions = retryOptions;
      return this;
    }

    /**
     * Sends this {@code MS-RequestId} instead of a generated one. Partner Center treats it as the
     * idempotency key of one logical call: reuse it only to repeat a call that got no response.
     *
     * @param requestId the ID, or null to generate one per call
     * @return this builder
     */
    public Builder requestId(UUID requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sends this {@code MS-CorrelationId} instead of a generated one, to tie the call to the
     * caller's own trace.
     *
     * @param correlationId the ID, or null to generate one per call
     * @return this builder
     */
    public Builder correlationId(UUID correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RequestOptions that
        && Objects.equals(requestId, that.requestId)
        && Objects.equals(correlationId, that.correlationId)
        && Objects.equals(retryOptions, that.retryOptions)
        && Objects.equals(attemptListener, that.attemptListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, correlationId, retryOptions, attemptListener);
  }
}
