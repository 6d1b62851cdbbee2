package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered 409 Conflict: 800064 (the cart is being processed by another request)
 * or 800060 (an order is in progress). The cart may still be checked out by the other request:
 * read the customer's orders before buying again.
 */
public class ConflictException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 409 Conflict response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public ConflictException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }
}
