package org.cspkit.partnercenter.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.cspkit.partnercenter.model.Cart;

/**
 * Checks a request against the OpenAPI document in the library's jar ({@link
 * FakePartnerCenter#SPEC_RESOURCE}) with Atlassian's swagger-request-validator, as Partner Center
 * checks its input: path and query parameters, headers ({@code MS-RequestId} and {@code
 * MS-CorrelationId} are GUIDs), the content type and the body (a cart's request schema, {@code
 * CartInput}: at least one line item, each with a catalog item ID, a quantity of at least 1, a
 * billing cycle, an ISO-8601 term duration when one is given).
 *
 * <p>Where Partner Center is more lenient than the document, so is the check: the values of an
 * open set ({@code x-extensible-enum}, such as a billing cycle) are not limited to those listed;
 * properties the document does not list are allowed; a checkout may have a body (the official
 * SDKs send {@code "success"}, which the service ignores); the {@code Accept} header is not
 * checked (the fake answers JSON).
 *
 * <p>The document is read once, when the first fake starts. Thread-safe.
 */
final class RequestValidation {
  private RequestValidation() {}

  /** Guarded by the class. */
  private static OpenApiInteractionValidator validator;

  /**
   * The validator, which reads the document the first time.
   *
   * @return the validator
   * @throws IllegalStateException if the document is not on the class path or cannot be read
   */
  static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator = load(FakePartnerCenter.SPEC_RESOURCE);
    }
    return validator;
  }

  /**
   * What is wrong with a request, one line per problem, such as {@code [Path
   * '/lineItems/0/quantity'] Numeric instance is lower than the required minimum (minimum: 1,
   * found: 0)} or {@code MS-RequestId: Input string "x" is not a valid UUID}.
   *
   * @param request the request
   * @return the problems; empty when the document allows the request
   */
  static List<String> problems(RecordedRequest request) {
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
        validator().validateRequest(checked.build()).getMessages()) {
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

  private static OpenApiInteractionValidator load(String resource) {
    String text;
    // The library's jar holds the document: look it up where the library's classes are.
    try (InputStream in = Cart.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The OpenAPI document is not on the class path at "
            + resource + ": the fake needs the library's jar of the same version");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
    OpenAPI spec = parsed.getOpenAPI();
    if (spec == null) {
      throw new IllegalStateException("Could not parse " + resource + ": " + parsed.getMessages());
    }
    // An open set keeps its listed values as documentation only.
    for (Schema<?> schema : spec.getComponents().getSchemas().values()) {
      if (schema.getExtensions() != null
          && Boolean.TRUE.equals(schema.getExtensions().get("x-extensible-enum"))) {
        schema.setEnum(null);
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
