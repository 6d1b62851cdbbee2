package org.cspkit.partnercenter.test;

import java.util.Optional;

/**
 * One request the fake received, and how it answered. Immutable.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the encoded path, such as {@code /v1/customers/…/carts}
 * @param operation the operation the path and method name, or {@code null} when they name none
 *     or one that {@link Operation} does not name (see the operation ID)
 * @param operationId the {@code operationId} in the OpenAPI document of the operation the path
 *     and method name, such as {@code createCart}, or {@code null} when they name none
 * @param requestId the request's {@code MS-RequestId}, or {@code null} when it had none
 * @param correlationId the request's {@code MS-CorrelationId}, or {@code null} when it had none
 * @param status the HTTP status of the answer (for a dropped connection, the status the answer
 *     would have had: after {@link Fault#dropAfterCommit()} that of the committed operation)
 * @param fault the kind of fault injected into this request, or {@code null} when none was
 */
public record ReceivedRequest(
    String method,
    String path,
    Operation operation,
    String operationId,
    String requestId,
    String correlationId,
    int status,
    Fault.Kind fault) {

  /**
   * A request of an operation that {@link Operation} names, or of none: its operation ID is that
   * of {@code operation}.
   *
   * @param method the HTTP method
   * @param path the encoded path
   * @param operation the operation, or {@code null}
   * @param requestId the {@code MS-RequestId}, or {@code null}
   * @param correlationId the {@code MS-CorrelationId}, or {@code null}
   * @param status the HTTP status of the answer
   * @param fault the kind of fault injected, or {@code null}
   */
  public ReceivedRequest(
      String method,
      String path,
      Operation operation,
      String requestId,
      String correlationId,
      int status,
      Fault.Kind fault) {
    this(
        method,
        path,
        operation,
        operation == null ? null : operation.operationId(),
        requestId,
        correlationId,
        status,
        fault);
  }

  /**
   * The fault injected into this request, if any.
   *
   * @return the kind of fault, or empty
   */
  public Optional<Fault.Kind> injectedFault() {
    return Optional.ofNullable(fault);
  }
}
