package org.cspkit.partnercenter.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * What one attempt's interceptors share with {@link Pipeline}, carried as the request's
 * tag: the bearer token to send, whether the call was cancelled, whether the request reached
 * the wire, and the status and headers of the response that came back. One per attempt; written on
 * the attempt's thread, read by a cancelling thread.
 */
final class AttemptState {
  private final String token;
  private final AtomicBoolean cancelled;
  private volatile boolean sent;
  private int networkRequests;
  private volatile int status;
  private volatile Headers headers;
  private final Function<Request, Telemetry.AttemptSpan> startSpan;

  /**
   * The state of a new attempt.
   *
   * @param token the bearer token to send
   * @param cancelled the call's cancel flag
   * @param startSpan starts the attempt's span when its request is handed to a connection
   */
  AttemptState(
      String token, AtomicBoolean cancelled, Function<Request, Telemetry.AttemptSpan> startSpan) {
    this.token = token;
    this.cancelled = cancelled;
    this.startSpan = startSpan;
  }

  /**
   * Starts the attempt's span, right before its request is written.
   *
   * @param request the request as it goes to the connection
   * @return the span
   */
  Telemetry.AttemptSpan startSpan(Request request) {
    return startSpan.apply(request);
  }

  /** The bearer token of this attempt. */
  String token() {
    return token;
  }

  /** The secrets this attempt could leak into a message: its bearer token. */
  List<String> secrets() {
    return List.of(token);
  }

  boolean cancelled() {
    return cancelled.get();
  }

  /** Whether the request may have reached the server: it was handed to a connection. */
  boolean sent() {
    return sent;
  }

  /**
   * Called right before the request is written: marks it sent and counts it.
   *
   * @return how many requests this attempt had handed to a connection before this one
   */
  int beforeWrite() {
    // Marked before the cancel flag is read (by the caller), so that a cancel that finds it unset
    // knows this request will see the flag and never be written.
    sent = true;
    return networkRequests++;
  }

  void received(int status, Headers headers) {
    this.headers = headers;
    this.status = status;
  }

  /** The status of the last response this attempt received, or 0. */
  int status() {
    return status;
  }

  /** The headers of the last response this attempt received, or null. */
  Headers headers() {
    return headers;
  }
}
