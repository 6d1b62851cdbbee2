package org.cspkit.partnercenter.exception;

/**
 * Partner Center answered 404 Not Found, such as 800008 (the cart does not exist for this
 * customer, or has expired), 60003 (customer not found) or 400019 (availability not found: read the
 * availability again, then check out again).
 */
public class NotFoundException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the status, error body and request IDs
   */
  public NotFoundException(ErrorDetails details) {
    super(details);
  }
}
