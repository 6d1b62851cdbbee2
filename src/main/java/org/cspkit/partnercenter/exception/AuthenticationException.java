package org.cspkit.partnercenter.exception;

/**
 * Authentication failed: Partner Center answered 401 Unauthorized (a missing, expired or
 * wrong-audience token; codes such as 800001), or the {@link org.cspkit.partnercenter.AccessTokenSource}
 * could not supply a token, in which case nothing was sent and {@link #statusCode()} is 0. When
 * only a new sign-in helps it is a {@link SignInRequiredException}, which may also carry a 403.
 */
public class AuthenticationException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 401 response, with advice after the standard message.
   *
   * @param details the status, error body and request IDs
   * @param advice what the caller can do, without secrets
   */
  public AuthenticationException(ErrorDetails details, String advice) {
    super(describe(details, advice), details, null);
  }

  /**
   * Creates the exception for a 401 response.
   *
   * @param details the status, error body and request IDs
   */
  public AuthenticationException(ErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception for a token that could not be obtained; nothing was sent.
   *
   * @param summary what failed, without secrets
   * @param details the IDs the request would have had ({@link ErrorDetails#noResponse})
   * @param cause the token source's failure
   */
  public AuthenticationException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }
}
