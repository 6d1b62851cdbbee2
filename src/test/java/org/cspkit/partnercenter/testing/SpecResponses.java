package org.cspkit.partnercenter.testing;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The responses of the spec as the tests read them: swagger-parser's {@code read} leaves a
 * {@code $ref} to {@code components/responses} unresolved, so a shared error response is looked
 * up here (resolving fully would also inline the named examples the tests check by name).
 */
public final class SpecResponses {
  private SpecResponses() {}

  /**
   * A response, or the shared one it refers to.
   *
   * @param spec the parsed spec
   * @param response an operation's response
   * @return the response with its content
   * @throws IllegalStateException if it refers to no shared response
   */
  public static ApiResponse resolved(OpenAPI spec, ApiResponse response) {
    String ref = response.get$ref();
    if (ref == null) {
      return response;
    }
    ApiResponse shared =
        spec.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    if (shared == null) {
      throw new IllegalStateException("no shared response " + ref);
    }
    return shared;
  }
}
