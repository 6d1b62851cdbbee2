package org.cspkit.partnercenter.exception;

/**
 * Partner Center answered 409 Conflict: 800064 (the cart is being processed by another request)
 * or 800060 (an order is in progress). The cart may still be checked out by the other request:
 * read the customer's orders before buying again.
 */
public class ConflictException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the status, error body and request IDs
   */
  public ConflictException(ErrorDetails details) {
    super(details);
  }
}
