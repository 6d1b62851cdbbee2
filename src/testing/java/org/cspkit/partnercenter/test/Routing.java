package org.cspkit.partnercenter.test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Which operation of the OpenAPI document a request names, found by the document's path
 * templates and methods, and the answers that refuse a request before any fault or operation:
 * 404 for no operation, 401 without a bearer token, 400 / 2000 for a customer ID that is not a
 * GUID, 400 / 800002 for another path parameter the document marks {@code format: uuid} that is
 * not one or for anything else the document does not allow. Stateless.
 */
final class Routing {
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern BEARER = Pattern.compile("(?i)Bearer +\\S+\\s*");

  /**
   * The path parameter of the customer's tenant ID: Partner Center answers one that is not a
   * GUID with 400 / 2000 ("Tenant Id must be a GUID"), other IDs with 400 / 800002.
   */
  private static final String TENANT_PARAMETER = "customer-id";

  private Routing() {}

  /**
   * Where a request goes.
   *
   * @param operation the operation, or null when the method and path name none
   * @param pathParameters the values of the path's parameters, by name, as they are in the
   *     encoded path; empty when there is no operation
   */
  record Route(Spec.SpecOperation operation, Map<String, String> pathParameters) {
    /** The operation's {@code operationId}, or null when there is none. */
    String operationId() {
      return operation == null ? null : operation.operationId();
    }

    /** The operation as a constant of {@link Operation}, or null when it is not one of them. */
    Operation known() {
      return Operation.of(operationId());
    }
  }

  /**
   * The operation of the document a request names: the first template, most specific first,
   * that matches the whole path and has an operation of the method.
   */
  static Route route(Spec spec, String method, String encodedPath) {
    for (Spec.SpecOperation operation : spec.operations()) {
      if (!operation.method().equals(method)) {
        continue;
      }
      Matcher path = operation.pattern().matcher(encodedPath);
      if (path.matches()) {
        return new Route(operation, operation.parameterValues(path));
      }
    }
    return new Route(null, Map.of());
  }

  /**
   * The answer that refuses a request, or null when it passes.
   *
   * @param problems what the OpenAPI document does not allow in the request (see {@link
   *     RequestValidation#problems})
   */
  static MockResponse refusal(RecordedRequest request, Route route, List<String> problems) {
    if (route.operation() == null) {
      return Answers.apiFault(
          404,
          800002,
          "No such operation: " + request.getMethod() + " " + request.getUrl().encodedPath());
    }
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null || !BEARER.matcher(authorization).matches()) {
      return Answers.unauthorized();
    }
    for (Spec.PathParameter parameter : route.operation().pathParameters()) {
      if (parameter.guid()
          && !GUID.matcher(route.pathParameters().get(parameter.name())).matches()) {
        return Answers.documented(TENANT_PARAMETER.equals(parameter.name()) ? 2000 : 800002);
      }
    }
    return problems.isEmpty() ? null : Answers.invalidInput(problems);
  }
}
