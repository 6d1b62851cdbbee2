package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.cspkit.partnercenter.internal.BodyDecoder;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every response and request-body example in the OpenAPI document decodes with the generated model of its schema,
 * so a new example is tested without new code. Examples are found by walking the document, not
 * listed here.
 */
class SpecExamplesTest {
  private static final String MODEL_PACKAGE = "org.cspkit.partnercenter.model.";
  private static final OpenAPI SPEC =
      new OpenAPIV3Parser().read(Path.of(System.getProperty("openapi.spec")).toString());
  private static final Moshi MOSHI = JsonSupport.newMoshi();

  /** One response example: where it is, its JSON, and the schema it claims. */
  record ResponseExample(String name, String schema, String json, String componentName) {}

  static List<ResponseExample> responseExamples() {
    List<ResponseExample> found = new ArrayList<>();
    SPEC.getPaths()
        .forEach((path, item) -> item.readOperationsMap()
            .forEach((method, operation) -> operation.getResponses().forEach((status, shared) -> {
              io.swagger.v3.oas.models.responses.ApiResponse response =
                  org.cspkit.partnercenter.testing.SpecResponses.resolved(SPEC, shared);
              if (response.getContent() == null) {
                return;
              }
              response
                  .getContent()
                  .forEach((mediaType, media) ->
                      collect(method + " " + path + " " + status + " " + mediaType, media, found));
            })));
    // Request-body examples decode with their model too: the client sends those models.
    SPEC.getPaths()
        .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
          if (operation.getRequestBody() != null) {
            operation
                .getRequestBody()
                .getContent()
                .forEach((mediaType, media) ->
                    collect(method + " " + path + " request " + mediaType, media, found));
          }
        }));
    return found;
  }

  private static void collect(String where, MediaType media, List<ResponseExample> found) {
    String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
    assertThat(ref).as("schema of %s must be a $ref to a named schema", where).isNotNull();
    String schema = model(ref.substring(ref.lastIndexOf('/') + 1));
    if (media.getExample() != null) {
      found.add(new ResponseExample(where + " example", schema, toJson(media.getExample()), null));
    }
    if (media.getExamples() != null) {
      media.getExamples().forEach((name, example) -> {
        String component = null;
        Example resolved = example;
        if (example.get$ref() != null) {
          component = example.get$ref().substring(example.get$ref().lastIndexOf('/') + 1);
          resolved = SPEC.getComponents().getExamples().get(component);
          assertThat(resolved).as("example %s of %s", example.get$ref(), where).isNotNull();
        }
        found.add(new ResponseExample(
            where + " " + name, schema, toJson(resolved.getValue()), component));
      });
    }
  }

  /**
   * The model of a named schema: its own, or for a request schema that only adds input rules to
   * a model ({@code CartInput}: {@code allOf} of {@code Cart} and the rules, mapped to {@code
   * Cart} in the pom's schemaMappings), that model.
   */
  private static String model(String schema) {
    Schema<?> named = SPEC.getComponents().getSchemas().get(schema);
    if (named != null && named.getProperties() == null && named.getAllOf() != null) {
      String ref = named.getAllOf().get(0).get$ref();
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    return schema;
  }

  private static String toJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @TestFactory
  List<DynamicTest> everyResponseExampleDecodesWithItsModel() {
    List<ResponseExample> examples = responseExamples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    return examples.stream()
        .map(example -> DynamicTest.dynamicTest(example.name() + " -> " + example.schema(), () -> {
          Class<?> model = Class.forName(MODEL_PACKAGE + example.schema());
          JsonAdapter<?> adapter = MOSHI.adapter(model);
          Object decoded = BodyDecoder.decode(adapter, new Buffer().writeUtf8(example.json()));
          assertThat(decoded).isInstanceOf(model);
        }))
        .toList();
  }

  @Test
  void everyNamedExampleIsUsedByAResponseSoThatItIsDecodedAbove() {
    Set<String> used = new HashSet<>();
    responseExamples().forEach(example -> used.add(example.componentName()));
    Map<String, Example> named = SPEC.getComponents().getExamples();
    assertThat(used).containsAll(named.keySet());
  }
}
