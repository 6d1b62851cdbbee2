package org.cspkit.checkout.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network interceptor: runs once a connection is open, right before the request is written.
 * It marks the attempt as sent (so that a failure from here on may have reached Partner Center),
 * and at TRACE logs the request and response headers, {@code Authorization} redacted, and the
 * start of the response body, capped.
 */
public final class WireInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.checkout.wire");
  private static final long BODY_LOG_CAP = 4096;

  /** Per-attempt state, carried as the request's tag. */
  public static final class Sent {
    private volatile boolean sent;

    /**
     * Whether the request reached the point of being written to a connection.
     *
     * @return true once the request may have reached the server
     */
    public boolean sent() {
      return sent;
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Sent state = request.tag(Sent.class);
    if (state != null) {
      state.sent = true;
    }
    if (!LOG.isTraceEnabled()) {
      return chain.proceed(request);
    }
    StringBuilder out = new StringBuilder("--> ").append(request.method()).append(' ')
        .append(request.url());
    request.headers().forEach(header -> out.append("\n").append(header.getFirst()).append(": ")
        .append("Authorization".equalsIgnoreCase(header.getFirst())
            ? "Bearer ****" : header.getSecond()));
    LOG.trace("{}", out);
    Response response = chain.proceed(request);
    StringBuilder in = new StringBuilder("<-- ").append(response.code()).append(' ')
        .append(request.url());
    response.headers().forEach(header ->
        in.append("\n").append(header.getFirst()).append(": ").append(header.getSecond()));
    in.append("\n\n").append(response.peekBody(BODY_LOG_CAP).string());
    LOG.trace("{}", in);
    return response;
  }
}
