package org.cspkit.partnercenter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.Protocol;

/**
 * Tells a pooled HTTP/1 connection that the server closed while it sat idle, before a request is
 * written to it. OkHttp checks an idle connection thoroughly only after 10 seconds, and only for
 * requests other than GET; a server that closes sooner (its keep-alive ended, or an HTTP/1.0
 * server that closes after each answer) would make the next attempt write its request into a
 * closed connection and fail with "unexpected end of stream", an attempt spent for nothing, and
 * one a POST could not tell from a lost answer.
 *
 * <p>A connection that has answered before and has been idle for at least {@link #CHECK_AFTER}
 * is read for up to 1 millisecond: an end of stream (or a reset) means the server closed it, so
 * it is closed here and the request is never written. Nothing is read from a connection that
 * answered within the last {@link #CHECK_AFTER} (calls one after another pay nothing), nor from
 * any connection other than HTTP/1.0 or 1.1 (an HTTP/2 connection has a reader thread and frames
 * of its own, and OkHttp follows its GOAWAY). Thread-safe.
 */
final class PooledConnections {
  /** How long a connection must have been idle before it is checked. */
  static final long CHECK_AFTER = TimeUnit.MILLISECONDS.toNanos(10);

  /** When each connection last answered, by identity; connections that are gone drop out. */
  private final Map<Connection, Long> answeredAt = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Records that {@code connection} answered now.
   *
   * @param connection the connection a response came on
   */
  void answered(Connection connection) {
    answeredAt.put(connection, System.nanoTime());
  }

  /**
   * Whether the server closed {@code connection} while it was idle; if so, it is closed here.
   *
   * @param connection the connection a request is about to be written to
   * @return true if it was closed by the server: nothing must be written to it
   */
  boolean closedWhileIdle(Connection connection) {
    Long last = answeredAt.get(connection);
    Protocol protocol = connection.protocol();
    if (last == null
        || System.nanoTime() - last < CHECK_AFTER
        // Only HTTP/1: an HTTP/2 connection (over TLS or not) has a reader thread of its own.
        || (protocol != Protocol.HTTP_1_1 && protocol != Protocol.HTTP_1_0)) {
      return false;
    }
    Socket socket = connection.socket();
    try {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(1);
        // An idle HTTP/1 connection has nothing to read: any byte, or the end, means it is done.
        InputStream in = socket.getInputStream();
        in.read();
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException closed) {
      // Reset by the server, or the socket is already closed: done as well.
    }
    answeredAt.remove(connection);
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closed either way.
    }
    return true;
  }
}
