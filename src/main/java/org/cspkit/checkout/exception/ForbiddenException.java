package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Partner Center answered 403 Forbidden: the partner may not buy this for this customer, such as
 * 20002 (no reseller relationship), 13605 (Microsoft Customer Agreement not accepted) or 900121
 * (credit limit).
 */
public class ForbiddenException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 403 Forbidden response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public ForbiddenException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }
}
