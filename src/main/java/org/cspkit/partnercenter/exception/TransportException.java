package org.cspkit.partnercenter.exception;

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
   * @param details the request IDs ({@link ErrorDetails#noResponse})
   * @param cause the I/O failure
   */
  public TransportException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }
}
