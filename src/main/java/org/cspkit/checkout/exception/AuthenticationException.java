package org.cspkit.checkout.exception;

import org.cspkit.checkout.model.ApiFault;

/**
 * Authentication failed: Partner Center answered 401 Unauthorized (a missing, expired or
 * wrong-audience token; codes such as 800001), or the {@link org.cspkit.checkout.AccessTokenSource}
 * could not supply a token, in which case nothing was sent and {@link #statusCode()} is 0.
 */
public class AuthenticationException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 401 response.
   *
   * @param statusCode the HTTP status
   * @param serviceError the decoded error body, or null when the body was empty
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @param correlationVector the response's {@code MS-CV}, or null
   */
  public AuthenticationException(
      int statusCode,
      ApiFault serviceError,
      String requestId,
      String correlationId,
      String correlationVector) {
    super(statusCode, serviceError, requestId, correlationId, correlationVector);
  }

  /**
   * Creates the exception for a token that could not be obtained; nothing was sent.
   *
   * @param summary what failed, without secrets
   * @param requestId the {@code MS-RequestId} the request would have had
   * @param correlationId the {@code MS-CorrelationId} the request would have had
   * @param cause the token source's failure
   */
  public AuthenticationException(
      String summary, String requestId, String correlationId, Throwable cause) {
    super(summary, 0, null, requestId, correlationId, null, cause);
  }
}
