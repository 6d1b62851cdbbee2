package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Fault#errorCode(int)} knows every error code the OpenAPI document gives an example of,
 * with the status the document gives it: each error example of each operation is found by
 * walking the document (not listed here), scripted on the fake for that operation, and the
 * answer checked. The codes of the order groups a checkout reports as failed ({@code
 * orderErrors}) are found the same way.
 */
class FaultDocumentedCodesTest {
  private static final OpenAPI SPEC =
      new OpenAPIV3Parser().read(Path.of(System.getProperty("openapi.spec")).toString());
  private static final String CART =
      "{\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
          + "\"quantity\":1,\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\"}]}";

  /** An error code the document shows in an answer of an operation. */
  record Documented(String path, String method, String operationId, int status, int code) {}

  static List<Documented> documented() {
    List<Documented> found = new ArrayList<>();
    SPEC.getPaths()
        .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
          String operation = op.getOperationId();
          op.getResponses().forEach((status, response) -> {
            for (Map<?, ?> body : bodies(SpecResponses.resolved(SPEC, response))) {
              int code = Integer.parseInt(status);
              if (code >= 400 && body.get("code") instanceof Integer errorCode) {
                found.add(new Documented(path, method.name(), operation, code, errorCode));
              }
              if (body.get("orderErrors") instanceof List<?> errors) {
                for (Object error : errors) {
                  if (((Map<?, ?>) error).get("code") instanceof Integer errorCode) {
                    found.add(new Documented(path, method.name(), operation, -1, errorCode));
                  }
                }
              }
            }
          });
        }));
    return found;
  }

  private static List<Map<?, ?>> bodies(ApiResponse response) {
    List<Map<?, ?>> bodies = new ArrayList<>();
    if (response.getContent() == null) {
      return bodies;
    }
    for (MediaType media : response.getContent().values()) {
      if (media.getExamples() == null) {
        continue;
      }
      for (Example example : media.getExamples().values()) {
        String ref = example.get$ref();
        Example resolved = ref == null
            ? example
            : SPEC.getComponents().getExamples().get(ref.substring(ref.lastIndexOf('/') + 1));
        // The parser keeps an example's value as a JSON tree: read it as maps and lists.
        if (Json.mapper().convertValue(resolved.getValue(), Object.class)
            instanceof Map<?, ?> value) {
          bodies.add(value);
        }
      }
    }
    return bodies;
  }

  @TestFactory
  List<DynamicTest> everyDocumentedErrorCodeIsAnswered() {
    List<Documented> documented = documented();
    // At least the codes of issue 21 that were missing: 800007, 800008 and 20000.
    assertThat(documented)
        .extracting(Documented::code)
        .contains(800065, 800009, 800007, 800008, 20000, 800020);
    OkHttpClient http = new OkHttpClient();
    return documented.stream()
        .map(entry -> DynamicTest.dynamicTest(
            entry.code() + " on " + entry.operationId(), () -> check(http, entry)))
        .toList();
  }

  private static void check(OkHttpClient http, Documented entry) throws IOException {
    Fault fault = Fault.errorCode(entry.code());
    try (FakePartnerCenter fake = FakePartnerCenter.start()) {
      fake.enqueueFault(fault.on(entry.operationId()));
      try (Response response = http.newCall(request(fake, entry)).execute()) {
        if (entry.status() > 0) {
          assertThat(response.code()).isEqualTo(entry.status());
        } else {
          // A code of a failed order group: its answer is one the operation declares.
          assertThat(SPEC.getPaths()
                  .get(entry.path())
                  .readOperationsMap()
                  .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(entry.method()))
                  .getResponses())
              .containsKey(String.valueOf(response.code()));
          assertThat(response.code()).isGreaterThanOrEqualTo(400);
        }
        assertThat(response.body().string()).contains("\"code\":" + entry.code());
      }
      assertThat(fake.pendingFaults()).isEmpty();
      assertThat(fake.carts()).isEmpty();
      assertThat(fake.orders()).isEmpty();
    }
  }

  /** A valid request of the entry's operation. */
  private static Request request(FakePartnerCenter fake, Documented entry) {
    String path = entry
        .path()
        .replace("{customer-id}", TestData.CUSTOMER_ID)
        .replace("{cart-id}", UUID.randomUUID().toString())
        .replace("{order-id}", TestData.ORDER_ID)
        .replace("{line-item-number}", "0");
    RequestBody body = switch (entry.method()) {
      case "POST", "PUT", "PATCH" ->
        entry.operationId().equals("checkoutCart")
            ? RequestBody.create(new byte[0])
            : RequestBody.create(CART, okhttp3.MediaType.get("application/json"));
      default -> null;
    };
    return new Request.Builder()
        .url(fake.baseUrl() + path.substring(1))
        .header("Authorization", "Bearer any-token")
        .method(entry.method(), body)
        .build();
  }
}
