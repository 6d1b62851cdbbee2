package org.cspkit.partnercenter.internal;

import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.List;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last network interceptor, right before the request is written to a connection. For each
 * attempt it:
 *
 * <ul>
 *   <li>lets exactly one request through: a second one within the same attempt is a request
 *       OkHttp (a follow-up, a silent retry) or another interceptor decided on, not the retry
 *       policy, and is stopped with {@link UnplannedRequestException} before a byte is written;
 *   <li>stops the request before it is written if the call was cancelled, or if the pooled
 *       HTTP/1 connection it was given had been closed by the server while idle ({@link
 *       PooledConnections});
 *   <li>marks the attempt as sent, starts its span (whose context it adds to the request's
 *       headers, and makes current while the request is written and its response read), and
 *       records the response's status and headers;
 *   <li>at TRACE, logs the request and response headers (credentials masked, known secrets
 *       scrubbed) and the start of the response body as the client reads it, never reading ahead,
 *       so logging cannot change an outcome.
 * </ul>
 */
final class WireInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("org.cspkit.partnercenter.wire");
  private static final long BODY_LOG_CAP = 4096;
  private final PooledConnections connections = new PooledConnections();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AttemptState state = request.tag(AttemptState.class);
    if (state == null) {
      throw new IOException("a request without an attempt: only the pipeline sends");
    }
    Connection connection = chain.connection();
    if (connection != null && connections.closedWhileIdle(connection)) {
      throw new StaleConnectionException();
    }
    int earlier = state.beforeWrite();
    if (state.cancelled()) {
      throw new IOException("Canceled");
    }
    if (earlier > 0) {
      throw new UnplannedRequestException(state.status(), state.headers());
    }
    Telemetry.AttemptSpan span = state.startSpan(request);
    request = span.inject(request);
    boolean trace = LOG.isTraceEnabled();
    if (trace) {
      LOG.trace(
          "{}",
          describe(
              "--> " + request.method() + " " + Redaction.url(request.url()),
              request.headers(),
              state.secrets()));
    }
    Response response;
    try (Scope traced = span.makeCurrent()) {
      response = chain.proceed(request);
    }
    state.received(response.code(), response.headers());
    if (connection != null) {
      connections.answered(connection);
    }
    if (!trace) {
      return response;
    }
    String head = describe(
        "<-- " + response.code() + " " + Redaction.url(request.url()),
        response.headers(),
        state.secrets());
    ResponseBody body = response.body();
    BufferedSource logged = Okio.buffer(new ForwardingSource(body.source()) {
      private final Buffer start = new Buffer();
      private boolean done;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long read = super.read(sink, byteCount);
        if (read > 0 && start.size() < BODY_LOG_CAP) {
          sink.copyTo(start, sink.size() - read, Math.min(read, BODY_LOG_CAP - start.size()));
        }
        return read;
      }

      @Override
      public void close() throws IOException {
        if (!done) {
          done = true;
          LOG.trace("{}\n\n{}", head, Redaction.scrub(start.readUtf8(), state.secrets()));
        }
        super.close();
      }
    });
    return response
        .newBuilder()
        .body(ResponseBody.create(logged, body.contentType(), body.contentLength()))
        .build();
  }

  private static String describe(String firstLine, Headers headers, List<String> secrets) {
    StringBuilder out = new StringBuilder(firstLine);
    headers.forEach(header ->
        out.append('\n').append(Redaction.header(header.getFirst(), header.getSecond(), secrets)));
    return out.toString();
  }

  /**
   * The pooled connection the attempt was given had been closed by the server while idle: the
   * request was not written, and the connection is closed so that it is not given out again.
   */
  static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("the pooled connection had been closed by the server while idle; nothing was sent");
    }
  }

  /**
   * OkHttp or an interceptor tried to send a second request within one attempt. Carries the
   * status and headers of the response that prompted it, which is the attempt's real answer.
   */
  static final class UnplannedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The status of the response before the unplanned request, or 0 if there was none. */
    final int status;

    /** The headers of that response, or null. */
    final transient Headers headers;

    UnplannedRequestException(int status, Headers headers) {
      super("a request the retry policy did not decide on was stopped before it was sent"
          + (status == 0 ? "" : " (it followed a " + status + ")"));
      this.status = status;
      this.headers = headers;
    }
  }
}
