package org.cspkit.partnercenter.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.exception.PartnerCenterException;

/**
 * One call of an operation, as a generated Retrofit method returns it: the request Retrofit built
 * (path, query, encoded body, the {@code RequestOptions} tag), the operation it is bound to
 * ({@link OperationBinding}) and its path and query parameter values by their names in the spec.
 * Nothing is sent until one of its methods runs it through the client's {@link Pipeline}; each
 * method starts a new call, with new request IDs unless the options set them. Immutable.
 *
 * @param <T> the operation's result type
 */
public final class OperationCall<T> {
  private static final String MASKED_TOKEN = "****";

  private final Pipeline pipeline;
  private final OperationBinding<T> binding;
  private final Request request;
  /** The parameter values, read from the invocation when a message first needs them. */
  private volatile Map<String, String> parameters;

  OperationCall(Pipeline pipeline, OperationBinding<T> binding, Request request) {
    this.pipeline = pipeline;
    this.binding = binding;
    this.request = request;
  }

  /**
   * Runs the call on the calling thread ({@link Pipeline#run}).
   *
   * @return the decoded result and its response
   * @throws PartnerCenterException the last failure, with every attempt
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<T> run() {
    return pipeline.run(this);
  }

  /**
   * Starts the call on the client's threads ({@link Pipeline#start}).
   *
   * @return a future completed with the result, or with the exception {@link #run()} would throw;
   *     cancelling it stops the call
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<T> start() {
    return pipeline.start(this, PartnerCenterResponse::value);
  }

  /**
   * Starts the call as {@link #start()} does; the future holds the result with its response.
   *
   * @return a future completed with the result and its response
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<T>> startWithResponse() {
    return pipeline.start(this, response -> response);
  }

  /**
   * The request the call would send, with the standard headers and {@code Authorization: Bearer
   * ****}, and a password in the base URL masked the same way; nothing is sent and no token is
   * asked for.
   *
   * @return the request
   */
  public Request preview() {
    Request preview = pipeline.preview(this, MASKED_TOKEN);
    HttpUrl url = preview.url();
    return url.password().isEmpty()
        ? preview
        : preview
            .newBuilder()
            .url(url.newBuilder().password(MASKED_TOKEN).build())
            .build();
  }

  OperationBinding<T> binding() {
    return binding;
  }

  /** The request as Retrofit built it, without the standard headers. */
  Request request() {
    return request;
  }

  /**
   * The path and query parameter values, by their names in the spec, such as {@code cart-id}:
   * from the invocation's arguments, read on the first call of this method (a call that succeeds
   * never needs them).
   */
  Map<String, String> parameters() {
    Map<String, String> values = parameters;
    if (values == null) {
      values = binding.parameters(request);
      parameters = values;
    }
    return values;
  }
}
