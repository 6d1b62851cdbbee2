package org.cspkit.partnercenter.internal;

import java.io.IOException;

/**
 * A response body that arrived whole but could not be decoded. An {@link IOException}, as Moshi's
 * own read failures are; the facade turns it into {@link
 * org.cspkit.partnercenter.exception.UndecodableResponseException}.
 */
public final class UndecodableBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong
   * @param cause the decoder's exception, or null
   */
  public UndecodableBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
