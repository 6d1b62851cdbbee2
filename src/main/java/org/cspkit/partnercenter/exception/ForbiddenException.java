package org.cspkit.partnercenter.exception;

/**
 * Partner Center answered 403 Forbidden: the partner may not buy this for this customer, such as
 * 20002 (no reseller relationship), 13605 (Microsoft Customer Agreement not accepted) or 900121
 * (credit limit).
 */
public class ForbiddenException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the status, error body and request IDs
   */
  public ForbiddenException(ErrorDetails details) {
    super(details);
  }

  /**
   * Creates the exception with advice after the standard message.
   *
   * @param details the status, error body and request IDs
   * @param advice what the caller can do, without secrets
   */
  public ForbiddenException(ErrorDetails details, String advice) {
    super(describe(details, advice), details, null);
  }
}
