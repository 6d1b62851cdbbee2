package org.cspkit.partnercenter.test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Which operation a request names, and the answers that refuse a request before any fault or
 * operation: 404 for no operation, 401 without a bearer token, 400 / 2000 for a customer ID that
 * is not a GUID, 400 / 800002 for a cart ID that is not one or for anything else the OpenAPI
 * document does not allow. Stateless.
 */
final class Routing {
  private static final String GUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}" + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern PATH = Pattern.compile(
      "/v1/customers/([^/]+)/(carts|orders)(?:/([^/]+)(?:/(checkout|provisioningstatus))?)?");
  private static final Pattern BEARER = Pattern.compile("(?i)Bearer +\\S+\\s*");

  private Routing() {}

  /**
   * Where a request goes.
   *
   * @param operation the operation, or null when the method and path name none
   * @param customerId the customer ID of the path, or null
   * @param id the cart or order ID of the path, or null
   */
  record Route(Operation operation, String customerId, String id) {}

  static Route route(String method, String encodedPath) {
    Matcher path = PATH.matcher(encodedPath);
    if (!path.matches()) {
      return new Route(null, null, null);
    }
    return new Route(operation(method, path), path.group(1), path.group(3));
  }

  private static Operation operation(String method, Matcher path) {
    boolean carts = "carts".equals(path.group(2));
    String id = path.group(3);
    String action = path.group(4);
    if (carts) {
      if (id == null) {
        return "POST".equals(method) ? Operation.CREATE_CART : null;
      }
      if ("checkout".equals(action)) {
        return "POST".equals(method) ? Operation.CHECKOUT_CART : null;
      }
      if (action != null) {
        return null;
      }
      return "GET".equals(method)
          ? Operation.GET_CART
          : "PUT".equals(method) ? Operation.UPDATE_CART : null;
    }
    if (!"GET".equals(method) || "checkout".equals(action)) {
      return null;
    }
    return id == null
        ? Operation.LIST_ORDERS
        : action == null ? Operation.GET_ORDER : Operation.GET_ORDER_PROVISIONING_STATUS;
  }

  /**
   * The answer that refuses a request, or null when it passes.
   *
   * @param problems what the OpenAPI document does not allow in the request (see {@link
   *     RequestValidation#problems(RecordedRequest)})
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
    if (!route.customerId().matches(GUID)) {
      return Answers.documented(2000);
    }
    boolean cartOperation = route.operation() == Operation.GET_CART
        || route.operation() == Operation.UPDATE_CART
        || route.operation() == Operation.CHECKOUT_CART;
    if (cartOperation && !route.id().matches(GUID)) {
      return Answers.documented(800002);
    }
    return problems.isEmpty() ? null : Answers.invalidInput(problems);
  }
}
