package org.cspkit.partnercenter.exception;

import java.io.Serializable;
import org.cspkit.partnercenter.model.ApiFault;

/**
 * What is known about a failed call: the HTTP status, the service's error body, and the IDs
 * to quote to Microsoft support. Immutable and serializable; carried by every {@link PartnerCenterException}.
 *
 * @serial exclude
 *
 * @param statusCode the HTTP status, or 0 when no response was received
 * @param serviceError the decoded error body, or null when there was none
 * @param requestId the request's {@code MS-RequestId}, or null
 * @param correlationId the request's {@code MS-CorrelationId}, or null
 * @param correlationVector the response's {@code MS-CV}, or null
 */
@SuppressWarnings(
    "InvalidBlockTag") // javadoc accepts @serial exclude on a type: no serialized-form page
public record ErrorDetails(
    int statusCode,
    ApiFault serviceError,
    String requestId,
    String correlationId,
    String correlationVector)
    implements Serializable {

  /**
   * Details of a call that received no response (or was never sent).
   *
   * @param requestId the request's {@code MS-RequestId}
   * @param correlationId the request's {@code MS-CorrelationId}
   * @return details with status 0 and no service error
   */
  public static ErrorDetails noResponse(String requestId, String correlationId) {
    return new ErrorDetails(0, null, requestId, correlationId, null);
  }
}
