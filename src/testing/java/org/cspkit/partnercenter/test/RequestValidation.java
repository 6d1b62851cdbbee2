package org.cspkit.partnercenter.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Checks a request against the OpenAPI document the fake follows ({@link Spec}; by default the
 * one in the library's jar, {@link FakePartnerCenter#SPEC_RESOURCE}) with Atlassian's
 * swagger-request-validator, as Partner Center checks its input: path and query parameters,
 * headers ({@code MS-RequestId} and {@code MS-CorrelationId} are GUIDs), the content type and the
 * body (a cart's request schema, {@code CartInput}: at least one line item, each with a catalog
 * item ID, a quantity of at least 1, a billing cycle, an ISO-8601 term duration when one is
 * given).
 *
 * <p>Where Partner Center is more lenient than the document, so is the check: the values of an
 * open set ({@code x-extensible-enum}, such as a billing cycle) are not limited to those listed;
 * properties the document does not list are allowed; a checkout may have a body (the official
 * SDKs send {@code "success"}, which the service ignores); the {@code Accept} header is not
 * checked (the fake answers JSON). Stateless; the validators it builds are thread-safe.
 */
final class RequestValidation {
  private RequestValidation() {}

  /**
   * What is wrong with a request, one line per problem, such as {@code [Path
   * '/lineItems/0/quantity'] Numeric instance is lower than the required minimum (minimum: 1,
   * found: 0)} or {@code MS-RequestId: Input string "x" is not a valid UUID}.
   *
   * @param validator the validator of the document ({@link #validatorFor(OpenAPI)})
   * @param request the request
   * @return the problems; empty when the document allows the request
   */
  static List<String> problems(OpenApiInteractionValidator validator, RecordedRequest request) {
    HttpUrl url = request.getUrl();
    SimpleRequest.Builder checked =
        new SimpleRequest.Builder(request.getMethod(), url.encodedPath(), true);
    Headers headers = request.getHeaders();
    for (String name : headers.names()) {
      checked.withHeader(name, headers.values(name));
    }
    for (String name : url.queryParameterNames()) {
      checked.withQueryParam(name, url.queryParameterValues(name));
    }
    if (request.getBody() != null && request.getBody().size() > 0) {
      checked.withBody(request.getBody().utf8());
    }
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message message :
        validator.validateRequest(checked.build()).getMessages()) {
      collect(message, problems);
    }
    return problems;
  }

  /** The errors of {@code message}: the innermost ones, which name the property and the rule. */
  private static void collect(ValidationReport.Message message, List<String> problems) {
    if (message.getLevel() != ValidationReport.Level.ERROR) {
      return;
    }
    if (!message.getNestedMessages().isEmpty()) {
      message.getNestedMessages().forEach(nested -> collect(nested, problems));
      return;
    }
    String parameter = message
        .getContext()
        .flatMap(ValidationReport.MessageContext::getParameter)
        .map(found -> found.getName() + ": ")
        .orElse("");
    problems.add(parameter + message.getMessage().strip());
  }

  /**
   * The validator of a parsed document. Changes the document: an open set ({@code
   * x-extensible-enum}) keeps its listed values as documentation only.
   */
  static OpenApiInteractionValidator validatorFor(OpenAPI spec) {
    if (spec.getComponents() != null && spec.getComponents().getSchemas() != null) {
      for (Schema<?> schema : spec.getComponents().getSchemas().values()) {
        if (schema.getExtensions() != null
            && Boolean.TRUE.equals(schema.getExtensions().get("x-extensible-enum"))) {
          schema.setEnum(null);
        }
      }
    }
    return OpenApiInteractionValidator.createFor(spec)
        .withLevelResolver(LevelResolver.create()
            // OpenAPI allows properties a schema does not list; the validator's default not.
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .withLevel(
                "validation.request.body.schema.additionalProperties",
                ValidationReport.Level.IGNORE)
            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
            .build())
        .build();
  }
}
