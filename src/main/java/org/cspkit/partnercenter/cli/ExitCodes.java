package org.cspkit.partnercenter.cli;

/** The exit codes of {@code partner-center checkout}; documented in its help and the README. */
public final class ExitCodes {
  /** The cart was checked out and every order group became an order. */
  public static final int SUCCESS = 0;

  /** An unexpected error inside the program (a bug). */
  public static final int INTERNAL_ERROR = 1;

  /**
   * Bad or missing options, such as a customer ID that is not a GUID, or a {@code --confirm} that
   * was not answered yes. Nothing was sent.
   */
  public static final int USAGE = 2;

  /** The cart was checked out but some order groups failed: see the order errors. */
  public static final int PARTIAL_SUCCESS = 3;

  /** No usable credential, Entra ID refused a token, or Partner Center rejected it (401). */
  public static final int AUTHENTICATION = 4;

  /** Partner Center answered with an error status (400, 403, 404, 409, 429, 5xx). */
  public static final int SERVICE_ERROR = 5;

  /** No usable response: a network failure, timeout, or a body that could not be decoded. */
  public static final int NETWORK_ERROR = 6;

  /**
   * The outcome is unknown and the checkout may have succeeded: a request was sent and its answer
   * was lost, a gateway timed out, a 2xx body could not be decoded, or the cart was already
   * submitted after such an attempt. Look the customer's orders up before buying again; a re-run
   * with the same {@code --request-id} is the safe repeat. Takes precedence over 4, 5 and 6.
   */
  public static final int OUTCOME_UNKNOWN = 7;

  /** Interrupted (Ctrl-C) while the checkout ran; what is known was printed to standard error. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
