package org.cspkit.partnercenter.exception;

/**
 * Partner Center (or a proxy in front of it) answered with a body that is not what the spec
 * describes: malformed or truncated JSON, JSON of the wrong shape or that names a property twice
 * in one object, an empty success body, or an HTML error page; or answered a GET with a success
 * status the spec does not document for it (such as 203 or 206), whose body the spec does not
 * describe and the client does not decode. For a 2xx status to a POST or PUT the call may have
 * succeeded ({@link #mayHaveSucceeded()}): after a checkout, read the customer's orders before
 * buying again. Not retried.
 */
public class UndecodableResponseException extends PartnerCenterException {
  private static final long serialVersionUID = 1L;

  /** The response's {@code Content-Type}, or null. */
  private final String contentType;
  /** The start of the body, or null. */
  private final String bodyExcerpt;

  /**
   * Creates the exception.
   *
   * @param details the status and request IDs (no service error)
   * @param contentType the response's {@code Content-Type}, or null
   * @param bodyExcerpt the start of the body, for diagnosis, or null
   * @param cause the decoding failure, or null
   */
  public UndecodableResponseException(
      ErrorDetails details, String contentType, String bodyExcerpt, Throwable cause) {
    super(
        "Partner Center returned " + details.statusCode()
            + " with a body that could not be decoded ("
            + (contentType == null ? "no content type" : contentType) + ")"
            + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        details,
        cause);
    this.contentType = contentType;
    this.bodyExcerpt = bodyExcerpt;
  }

  /**
   * Creates the exception with its own summary, for an answer the client does not decode.
   *
   * @param summary what came, without secrets, such as "Partner Center returned 206, a success
   *     status the spec does not document for getOrder"
   * @param details the status and request IDs (no service error)
   * @param contentType the response's {@code Content-Type}, or null
   * @param bodyExcerpt the start of the body, for diagnosis, or null
   */
  public UndecodableResponseException(
      String summary, ErrorDetails details, String contentType, String bodyExcerpt) {
    super(summary, details, null);
    this.contentType = contentType;
    this.bodyExcerpt = bodyExcerpt;
  }

  /**
   * The response's media type.
   *
   * @return the {@code Content-Type} header, or null when there was none
   */
  public String contentType() {
    return contentType;
  }

  /**
   * The start of the response body (at most a few kilobytes), for diagnosis.
   *
   * @return the excerpt, or null when the body was empty
   */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
