package org.cspkit.partnercenter.exception;

/**
 * Partner Center answered with a 5xx status, such as 500 with 800005 (create order was not
 * successful) or 503. Whether an order was created is unknown: checkout is idempotent per cart ID,
 * so checking out the same cart again is the documented way to find out.
 */
public class ServerErrorException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details the status, error body and request IDs
   */
  public ServerErrorException(ErrorDetails details) {
    super(details);
  }
}
