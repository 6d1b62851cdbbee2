package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered with a 5xx status, such as 500 with 800005 (create order was not
 * successful) or 503. Whether an order was created is unknown: checkout is idempotent per cart ID,
 * so checking out the same cart again is the documented way to find out.
 */
public class ServerErrorException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 5xx response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public ServerErrorException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }
}
