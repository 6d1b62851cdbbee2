package org.cspkit.partnercenter.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cspkit.partnercenter.model.Cart;

/**
 * The OpenAPI document a fake follows, read with swagger-parser: its operations (method, path
 * template, path parameters, first documented 2xx answer) and the request validator built from it
 * ({@link RequestValidation}). The shipped document ({@link FakePartnerCenter#SPEC_RESOURCE}) is
 * read once, when the first fake starts. Immutable and thread-safe once built.
 */
final class Spec {
  private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Guarded by the class. */
  private static Spec shipped;

  private final List<SpecOperation> operations;
  private final OpenApiInteractionValidator validator;

  /**
   * A path parameter of an operation.
   *
   * @param name the name, such as {@code customer-id}
   * @param guid whether the document gives it {@code format: uuid}
   */
  record PathParameter(String name, boolean guid) {}

  /**
   * An operation of the document.
   *
   * @param operationId the {@code operationId}, such as {@code getCart}
   * @param method the HTTP method, upper case
   * @param template the path template, such as {@code /v1/customers/{customer-id}/carts}
   * @param pattern the template as a pattern over encoded paths, one group per parameter
   * @param pathParameters the template's parameters, in the order of the template
   * @param status the status of the first documented 2xx answer, or 0 when there is none
   * @param mediaType the media type of that answer, or null when it has no content
   * @param example that answer's first example, as JSON text, or null when it has none
   */
  record SpecOperation(
      String operationId,
      String method,
      String template,
      Pattern pattern,
      List<PathParameter> pathParameters,
      int status,
      String mediaType,
      String example) {

    /** The values of the path parameters, by name, as they are in the encoded path. */
    Map<String, String> parameterValues(Matcher matched) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < pathParameters.size(); i++) {
        values.put(pathParameters.get(i).name(), matched.group(i + 1));
      }
      return values;
    }

    /** How many characters of the template are not parameters: more is more specific. */
    int literalLength() {
      return TEMPLATE_PARAMETER.matcher(template).replaceAll("").length();
    }
  }

  private Spec(List<SpecOperation> operations, OpenApiInteractionValidator validator) {
    this.operations = operations;
    this.validator = validator;
  }

  /**
   * The document in the library's jar, read the first time.
   *
   * @throws IllegalStateException if it is not on the class path or cannot be read
   */
  static synchronized Spec shipped() {
    if (shipped == null) {
      // The library's jar holds the document: look it up where the library's classes are.
      URL resource = Cart.class.getClassLoader().getResource(FakePartnerCenter.SPEC_RESOURCE);
      if (resource == null) {
        throw new IllegalStateException("The OpenAPI document is not on the class path at "
            + FakePartnerCenter.SPEC_RESOURCE
            + ": the fake needs the library's jar of the same version");
      }
      shipped = read(resource);
    }
    return shipped;
  }

  /**
   * Reads and parses a document.
   *
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalArgumentException if it is not an OpenAPI document
   */
  static Spec read(URL location) {
    String text;
    try (InputStream in = location.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the OpenAPI document " + location, e);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
    OpenAPI spec = parsed.getOpenAPI();
    if (spec == null || spec.getPaths() == null) {
      throw new IllegalArgumentException(
          "Could not parse the OpenAPI document " + location + ": " + parsed.getMessages());
    }
    List<SpecOperation> operations = operations(spec);
    return new Spec(operations, RequestValidation.validatorFor(spec));
  }

  /** The operations, the most specific templates first (a literal segment before a parameter). */
  List<SpecOperation> operations() {
    return operations;
  }

  OpenApiInteractionValidator validator() {
    return validator;
  }

  /** The operation with this ID, or null. */
  SpecOperation operation(String operationId) {
    for (SpecOperation operation : operations) {
      if (operation.operationId().equals(operationId)) {
        return operation;
      }
    }
    return null;
  }

  private static List<SpecOperation> operations(OpenAPI spec) {
    List<SpecOperation> found = new ArrayList<>();
    spec.getPaths().forEach((template, item) -> {
      Pattern pattern = pattern(template);
      item.readOperationsMap().forEach((method, operation) -> {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
          parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
          parameters.addAll(operation.getParameters());
        }
        List<PathParameter> pathParameters = new ArrayList<>();
        Matcher names = TEMPLATE_PARAMETER.matcher(template);
        while (names.find()) {
          pathParameters.add(
              new PathParameter(names.group(1), isGuid(spec, names.group(1), parameters)));
        }
        String operationId = operation.getOperationId() != null
            ? operation.getOperationId()
            : method.name() + " " + template;
        int status = 0;
        String mediaType = null;
        String example = null;
        if (operation.getResponses() != null) {
          for (Map.Entry<String, ApiResponse> response :
              operation.getResponses().entrySet()) {
            if (response.getKey().matches("2\\d\\d")) {
              status = Integer.parseInt(response.getKey());
              ApiResponse answer = resolve(spec, response.getValue());
              if (answer.getContent() != null && !answer.getContent().isEmpty()) {
                Map.Entry<String, MediaType> media =
                    answer.getContent().entrySet().iterator().next();
                mediaType = media.getKey();
                example = example(spec, mediaType, media.getValue());
              }
              break;
            }
          }
        }
        found.add(new SpecOperation(
            operationId,
            method.name(),
            template,
            pattern,
            List.copyOf(pathParameters),
            status,
            mediaType,
            example));
      });
    });
    found.sort(Comparator.comparingInt(SpecOperation::literalLength).reversed());
    return List.copyOf(found);
  }

  /** The template as a pattern: its literal parts quoted, each parameter one path segment. */
  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher parameter = TEMPLATE_PARAMETER.matcher(template);
    int literal = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(template.substring(literal, parameter.start())));
      regex.append("([^/]+)");
      literal = parameter.end();
    }
    regex.append(Pattern.quote(template.substring(literal)));
    return Pattern.compile(regex.toString());
  }

  /** Whether the path parameter {@code name} has {@code format: uuid}. */
  private static boolean isGuid(OpenAPI spec, String name, List<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      Parameter resolved = resolve(spec, parameter);
      if (name.equals(resolved.getName()) && "path".equals(resolved.getIn())) {
        Schema<?> schema = resolved.getSchema();
        if (schema != null && schema.get$ref() != null) {
          schema = spec.getComponents().getSchemas().get(refName(schema.get$ref()));
        }
        return schema != null && "uuid".equals(schema.getFormat());
      }
    }
    return false;
  }

  /** The first example of the media type, as JSON text, or null when it has none. */
  private static String example(OpenAPI spec, String mediaType, MediaType media) {
    Object value = null;
    if (media.getExamples() != null && !media.getExamples().isEmpty()) {
      Example example = media.getExamples().values().iterator().next();
      if (example.get$ref() != null) {
        example = spec.getComponents().getExamples().get(refName(example.get$ref()));
      }
      value = example == null ? null : example.getValue();
    } else if (media.getExample() != null) {
      value = media.getExample();
    }
    if (value == null) {
      return null;
    }
    if (value instanceof String text && !mediaType.contains("json")) {
      return text;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("An example of the document is not JSON: " + value, e);
    }
  }

  private static ApiResponse resolve(OpenAPI spec, ApiResponse response) {
    return response.get$ref() == null
        ? response
        : Objects.requireNonNull(
            spec.getComponents().getResponses().get(refName(response.get$ref())),
            response.get$ref());
  }

  private static Parameter resolve(OpenAPI spec, Parameter parameter) {
    return parameter.get$ref() == null
        ? parameter
        : Objects.requireNonNull(
            spec.getComponents().getParameters().get(refName(parameter.get$ref())),
            parameter.get$ref());
  }

  /** {@code Name} of {@code #/components/…/Name}. */
  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
