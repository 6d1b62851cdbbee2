package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered 400 Bad Request: invalid input, such as 800009 (errors in cart line
 * items), 800065 (the cart was already submitted; a later checkout of a checked-out cart may instead
 * return the original result) or 2000 (the customer ID is not a GUID).
 */
public class BadRequestException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 400 Bad Request response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public BadRequestException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }
}
