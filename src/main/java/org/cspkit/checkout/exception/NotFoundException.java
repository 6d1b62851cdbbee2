package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered 404 Not Found, such as 800008 (the cart does not exist for this
 * customer, or has expired), 60003 (customer not found) or 400019 (availability not found: read the
 * availability again, then check out again).
 */
public class NotFoundException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 404 Not Found response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public NotFoundException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }
}
