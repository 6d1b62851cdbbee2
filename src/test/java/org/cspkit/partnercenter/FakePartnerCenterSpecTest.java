package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped fake follows its OpenAPI document: it answers every operation of the document in
 * the library's jar, and an operation added to a copy of the document ({@code
 * FakePartnerCenter.builder().spec(path)}) from that operation's example, with no change to the
 * fake; a request of no operation gets 404 naming its method and path. Requests are sent with
 * OkHttp, as any HTTP code would send them.
 */
class FakePartnerCenterSpecTest {
  private static final String SUBSCRIPTION_ID = "8f3ec3b6-2f1c-4d5a-9d1e-0a0c6a3b5e1f";
  private static final String SUBSCRIPTION =
      "{\"id\":\"" + SUBSCRIPTION_ID + "\",\"offerName\":\"Microsoft 365 E3\",\"quantity\":5}";

  final OkHttpClient http = new OkHttpClient();

  @TempDir
  Path directory;

  private static String shippedText() throws IOException {
    try (InputStream in =
        Cart.class.getClassLoader().getResourceAsStream(FakePartnerCenter.SPEC_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A copy of the shipped document with {@code getSubscription}, {@code GET
   * /v1/customers/{customer-id}/subscriptions/{subscription-id}}, whose 200 answer has two
   * examples: the fake answers with the first.
   */
  private Path withSubscriptions() throws IOException {
    ObjectNode document = (ObjectNode) Yaml.mapper().readTree(shippedText());
    ObjectNode operation = Json.mapper().createObjectNode();
    operation.put("operationId", "getSubscription");
    operation
        .putArray("parameters")
        .add(Json.mapper().createObjectNode().put("$ref", "#/components/parameters/CustomerId"))
        .add(Json.mapper()
            .readTree("{\"name\":\"subscription-id\",\"in\":\"path\","
                + "\"required\":true,\"schema\":{\"type\":\"string\",\"format\":\"uuid\"}}"));
    ObjectNode content = operation
        .putObject("responses")
        .putObject("200")
        .put("description", "The subscription.")
        .putObject("content")
        .putObject("application/json");
    content.putObject("schema").put("type", "object");
    content
        .putObject("examples")
        .<ObjectNode>set(
            "subscription", Json.mapper().createObjectNode().set("value", json(SUBSCRIPTION)))
        .set("other", Json.mapper().createObjectNode().set("value", json("{\"id\":\"other\"}")));
    ((ObjectNode) document.get("paths"))
        .putObject("/v1/customers/{customer-id}/subscriptions/{subscription-id}")
        .set("get", operation);
    Path copy = directory.resolve("with-subscriptions.yaml");
    Files.writeString(copy, Yaml.mapper().writeValueAsString(document));
    return copy;
  }

  private static JsonNode json(String text) throws IOException {
    return Json.mapper().readTree(text);
  }

  private Response get(FakePartnerCenter fake, String path) throws IOException {
    return http.newCall(new Request.Builder()
            .url(fake.baseUrl() + path.substring(1))
            .header("Authorization", "Bearer any-token")
            .header("MS-RequestId", "9f0b6c4e-5d7a-4c1b-8e2f-3a4b5c6d7e8f")
            .build())
        .execute();
  }

  private static String subscriptionPath(String customerId, String subscriptionId) {
    return "/v1/customers/" + customerId + "/subscriptions/" + subscriptionId;
  }

  @Test
  void everyOperationOfTheShippedDocumentIsAnswered() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    OpenAPI spec =
        new OpenAPIV3Parser().readContents(shippedText(), null, options).getOpenAPI();
    List<String> answered = new ArrayList<>();
    try (FakePartnerCenter fake = FakePartnerCenter.start()) {
      spec.getPaths()
          .forEach((template, item) -> item.readOperationsMap().forEach((m, op) -> {
            String path = template;
            for (var parameter : op.getParameters()) {
              if ("path".equals(parameter.getIn())) {
                path = path.replace(
                    "{" + parameter.getName() + "}", String.valueOf(parameter.getExample()));
              }
            }
            RequestBody body = null;
            if (op.getRequestBody() != null) {
              MediaType media = op.getRequestBody().getContent().get("application/json");
              body = RequestBody.create(
                  Json.pretty(media.getExamples().values().iterator().next().getValue()),
                  okhttp3.MediaType.get("application/json"));
            } else if (!"GET".equals(m.name())) {
              body = RequestBody.create(new byte[0]);
            }
            Request request = new Request.Builder()
                .url(fake.baseUrl() + path.substring(1))
                .header("Authorization", "Bearer any-token")
                .method(m.name(), body)
                .build();
            try (Response response = http.newCall(request).execute()) {
              assertThat(response.body().string())
                  .as(m + " " + template)
                  .doesNotContain("No such operation");
              assertThat(op.getResponses())
                  .as(m + " " + template)
                  .containsKey("" + response.code());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            answered.add(op.getOperationId());
          }));
      assertThat(fake.requests()).extracting(ReceivedRequest::operationId).isEqualTo(answered);
    }
    assertThat(answered).hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void anOperationAddedToTheDocumentIsAnsweredFromItsFirstExample() throws IOException {
    try (FakePartnerCenter fake =
        FakePartnerCenter.builder().spec(withSubscriptions()).start()) {
      try (Response response = get(fake, subscriptionPath(TestData.CUSTOMER_ID, SUBSCRIPTION_ID))) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(json(response.body().string())).isEqualTo(json(SUBSCRIPTION));
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("MS-RequestId"))
            .isEqualTo("9f0b6c4e-5d7a-4c1b-8e2f-3a4b5c6d7e8f");
        assertThat(response.header("MS-CorrelationId")).isNotBlank();
        assertThat(response.header("MS-CV")).isNotBlank();
      }
      assertThat(fake.requests("getSubscription")).singleElement().satisfies(request -> {
        assertThat(request.operationId()).isEqualTo("getSubscription");
        assertThat(request.operation()).isNull();
        assertThat(request.status()).isEqualTo(200);
      });

      // The stateful operations are still those of the fake.
      try (PartnerCenterClient client = PartnerCenterClient.builder()
          .baseUrl(fake.baseUrl())
          .accessToken("any-token")
          .build()) {
        Cart cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
        assertThat(fake.carts()).extracting(Cart::id).containsExactly(cart.id());
      }
    }
  }

  @Test
  void theAddedOperationsIdsAreCheckedAsTheDocumentSays() throws IOException {
    try (FakePartnerCenter fake =
        FakePartnerCenter.builder().spec(withSubscriptions()).start()) {
      try (Response response = get(fake, subscriptionPath(TestData.CUSTOMER_ID, "not-a-guid"))) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string())
            .contains("{\"code\":800002,\"description\":\"Invalid request input.\",\"data\":[]");
      }
      try (Response response = get(fake, subscriptionPath("contoso", SUBSCRIPTION_ID))) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string()).contains("\"code\":2000");
      }
      try (Response response = http.newCall(new Request.Builder()
              .url(fake.baseUrl()
                  + subscriptionPath(TestData.CUSTOMER_ID, SUBSCRIPTION_ID).substring(1))
              .build())
          .execute()) {
        assertThat(response.code()).isEqualTo(401);
      }
    }
  }

  @Test
  void faultsTargetAnAddedOperationByItsOperationId() throws IOException {
    try (FakePartnerCenter fake =
        FakePartnerCenter.builder().spec(withSubscriptions()).start()) {
      fake.enqueueFault(Fault.serviceUnavailable().on("getSubscription"));
      try (Response other = get(fake, "/v1/customers/" + TestData.CUSTOMER_ID + "/orders")) {
        assertThat(other.code()).isEqualTo(200);
      }
      try (Response response = get(fake, subscriptionPath(TestData.CUSTOMER_ID, SUBSCRIPTION_ID))) {
        assertThat(response.code()).isEqualTo(503);
      }
      try (Response response = get(fake, subscriptionPath(TestData.CUSTOMER_ID, SUBSCRIPTION_ID))) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(fake.requests("getSubscription"))
          .extracting(ReceivedRequest::fault)
          .containsExactly(Fault.Kind.SERVICE_UNAVAILABLE, null);

      assertThatThrownBy(() -> fake.enqueueFault(Fault.serviceUnavailable().on("getSubscriptions")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("getSubscriptions")
          .hasMessageContaining("getSubscription,");
      assertThatThrownBy(() -> Fault.lineItemError(0, 10001).on("getSubscription"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRequestOfNoOperationGets404NamingItsMethodAndPath() throws IOException {
    String customer = "/v1/customers/" + TestData.CUSTOMER_ID;
    try (FakePartnerCenter fake = FakePartnerCenter.start()) {
      for (String[] request : new String[][] {
        {"GET", subscriptionPath(TestData.CUSTOMER_ID, SUBSCRIPTION_ID)},
        {"DELETE", customer + "/carts/" + TestData.CART_ID},
        {"GET", customer + "/orders/" + TestData.ORDER_ID + "/checkout"},
        {"GET", customer + "/carts/"},
      }) {
        try (Response response = http.newCall(new Request.Builder()
                .url(fake.baseUrl() + request[1].substring(1))
                .header("Authorization", "Bearer any-token")
                .method(request[0], null)
                .build())
            .execute()) {
          assertThat(response.code()).isEqualTo(404);
          assertThat(response.body().string())
              .contains("\"code\":800002")
              .contains("No such operation: " + request[0] + " " + request[1]);
        }
      }
      assertThat(fake.requests()).hasSize(4).allSatisfy(request -> {
        assertThat(request.operation()).isNull();
        assertThat(request.operationId()).isNull();
        assertThat(request.status()).isEqualTo(404);
      });
    }
  }

  @Test
  void theIdsOfTheShippedOperationsAreCheckedAsBefore() throws IOException {
    String customer = "/v1/customers/" + TestData.CUSTOMER_ID;
    try (FakePartnerCenter fake = FakePartnerCenter.start()) {
      try (Response response = get(fake, "/v1/customers/contoso/orders")) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string()).contains("\"code\":2000");
      }
      try (Response response = get(fake, customer + "/carts/not-a-guid")) {
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().string())
            .contains("{\"code\":800002,\"description\":\"Invalid request input.\",\"data\":[]");
      }
      // An order ID is an opaque string: not found, not refused.
      try (Response response = get(fake, customer + "/orders/not-a-guid")) {
        assertThat(response.code()).isEqualTo(404);
        assertThat(response.body().string()).contains("\"code\":20000");
      }
    }
  }

  @Test
  void aFileThatIsNoOpenApiDocumentIsRefusedWhenGiven() throws IOException {
    Path notOne = Files.writeString(directory.resolve("not-one.yaml"), "just: text\n");

    assertThatThrownBy(() -> FakePartnerCenter.builder().spec(notOne))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-one.yaml");
    assertThatThrownBy(() -> FakePartnerCenter.builder().spec(directory.resolve("missing.yaml")))
        .isInstanceOf(UncheckedIOException.class);
  }
}
