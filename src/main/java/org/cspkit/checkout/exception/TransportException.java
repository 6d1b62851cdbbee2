package org.cspkit.checkout.exception;

/**
 * No complete response was received: the connection failed, was reset or timed out, or the call
 * was cancelled. {@link #statusCode()} is 0. The request may or may not have reached Partner
 * Center; repeating the checkout with the same {@code MS-RequestId} ({@link #requestId()}) is the
 * documented safe retry.
 */
public class TransportException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param cause the I/O failure
   */
  public TransportException(
      String summary, String requestId, String correlationId, Throwable cause) {
    super(summary, 0, null, requestId, correlationId, null, cause);
  }
}
