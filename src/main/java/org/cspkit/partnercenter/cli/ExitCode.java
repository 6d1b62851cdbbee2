package org.cspkit.partnercenter.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code partner-center} command, each an outcome a script can act on:
 * the one source of the table in each command's {@code --help} and in the README.
 */
public enum ExitCode {
  /** Done: for {@code checkout} and {@code purchase}, bought, every order group an order. */
  SUCCESS(
      0,
      "done; for checkout and purchase: bought (every order group became an order, or the cart"
          + " was found checked out already: its orders are listed by 'order list')"),

  /** An unexpected error inside the program (a bug). */
  INTERNAL_ERROR(1, "internal error (a bug): please report it with what was printed"),

  /** A bad option, ID or setting, or {@code --confirm} not yes; or an unusable journal. */
  USAGE(
      2,
      "usage error: a bad option, ID or setting, or --confirm not answered yes (nothing was"
          + " sent); or a purchase journal that cannot be used (the message says where the"
          + " purchase stands)"),

  /** The checkout created orders, and some order groups failed (the order errors are listed). */
  PARTLY_BOUGHT(
      3,
      "partly bought: the checkout created orders, but some order groups failed (the order"
          + " errors are listed)"),

  /** No usable credential, Entra ID refused a token, or Partner Center answered 401. */
  AUTHENTICATION(
      4,
      "authentication error: no, incomplete or malformed credentials, Entra ID refused a token,"
          + " or Partner Center answered 401 (again after a fresh token); 10 when only a new"
          + " sign-in helps"),

  /** Partner Center answered another error status. */
  SERVICE_ERROR(5, "Partner Center answered another error status (400, 403, 404, 409, 429, 5xx)"),

  /** No usable response, before the request could have been processed. */
  NETWORK_ERROR(
      6,
      "network error or timeout before the request could have been processed, or an error"
          + " response that could not be decoded"),

  /** A cart change or checkout may have succeeded; the printed next step cannot buy twice. */
  OUTCOME_UNKNOWN(
      7,
      "outcome unknown: a cart change or a checkout was sent and its answer was lost, so it may"
          + " have succeeded; run the next step printed, which repeats it with the same"
          + " MS-RequestId (or resumes the purchase) and cannot buy twice. Before 4, 5, 6 and 10"),

  /** Nothing bought: a line item has an error, or every order group of the checkout failed. */
  NOT_BOUGHT(
      8,
      "not bought: a line item of the cart has an error, or every order group of the checkout"
          + " failed (the errors are listed)"),

  /** Bought, but a line item was still pending when {@code --wait} timed out. */
  STILL_PENDING(
      9,
      "with --wait: the order exists (for purchase: bought), but a line item was still pending"
          + " at the wait timeout"),

  /**
   * A person must sign in again: Entra ID wants multifactor authentication again (AADSTS50076,
   * AADSTS50078), refused the refresh token ({@code invalid_grant}), or Partner Center refused a
   * token of the retired audience (900420).
   */
  SIGN_IN_REQUIRED(
      10,
      "sign in again: Entra ID asks for multifactor authentication again (AADSTS50076,"
          + " AADSTS50078) or refused the refresh token (invalid_grant), or Partner Center"
          + " refused a token of the retired audience (900420); a Partner Center admin consents to"
          + " the Secure Application Model app again and the new refresh token replaces the stored"
          + " one. Retrying does not help"),

  /** Stopped by Ctrl-C (SIGINT). */
  INTERRUPTED(
      130,
      "interrupted by Ctrl-C (SIGINT): the step in flight, what it may have done and the next"
          + " step are printed on standard error"),

  /** Stopped by SIGTERM (the Java runtime's own exit code). */
  TERMINATED(143, "stopped by SIGTERM, as for 130");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /**
   * The process exit code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * What the code means, as {@code --help} and the README say it.
   *
   * @return one sentence
   */
  public String meaning() {
    return meaning;
  }

  /** The table of {@code --help}: code to meaning, in order. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exit : values()) {
      list.put(String.valueOf(exit.code), exit.meaning);
    }
    return list;
  }

  /** The table of the README, in Markdown. */
  static String markdownTable() {
    StringBuilder table = new StringBuilder("| Code | Meaning |\n|---|---|\n");
    for (ExitCode exit : values()) {
      table.append("| ").append(exit.code).append(" | ").append(exit.meaning).append(" |\n");
    }
    return table.toString();
  }
}
