package org.cspkit.partnercenter.exception;

/**
 * Partner Center answered 400 Bad Request: invalid input, such as 800009 (errors in cart line
 * items), 800065 (the cart was already submitted; a later checkout of a checked-out cart may instead
 * return the original result) or 2000 (the customer ID is not a GUID).
 */
public class BadRequestException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the status, error body and request IDs
   */
  public BadRequestException(ErrorDetails details) {
    super(details);
  }
}
