package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped fake checks every request against the OpenAPI document, as Partner Center checks
 * its input: a cart the spec forbids gets 400 with the generic documented code 800002 (invalid
 * request input) and creates or changes nothing. The client refuses such carts before sending
 * them, so these requests are sent with OkHttp directly, as a user's own HTTP code or another
 * client would send them.
 */
class FakeRequestValidationTest {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String CARTS = "v1/customers/" + TestData.CUSTOMER_ID + "/carts";
  private static final String VALID_LINE =
      "{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\",\"quantity\":1,"
          + "\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\"}";
  private static final String VALID_CART = "{\"lineItems\":[" + VALID_LINE + "]}";

  FakePartnerCenter fake;
  OkHttpClient http;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
    http = new OkHttpClient();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Stream<Arguments> invalidCarts() {
    return Stream.of(
        Arguments.of("quantity 0", line("\"quantity\":1", "\"quantity\":0"), "quantity"),
        Arguments.of("quantity -5", line("\"quantity\":1", "\"quantity\":-5"), "quantity"),
        Arguments.of(
            "no catalog item ID",
            line("\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\",", ""),
            "catalogItemId"),
        Arguments.of(
            "an empty catalog item ID",
            line("\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\"", "\"catalogItemId\":\"\""),
            "/lineItems/0/catalogItemId"),
        Arguments.of("no quantity", line("\"quantity\":1,", ""), "quantity"),
        Arguments.of("no billing cycle", line("\"billingCycle\":\"monthly\",", ""), "billingCycle"),
        Arguments.of(
            "term 'forever'",
            line("\"termDuration\":\"P1Y\"", "\"termDuration\":\"forever\""),
            "forever"),
        Arguments.of(
            "an add-on with quantity 0",
            "{\"lineItems\":[" + VALID_LINE.replace("}", ",\"addonItems\":[")
                + VALID_LINE.replace("\"quantity\":1", "\"quantity\":0") + "]}]}",
            "/lineItems/0/addonItems/0/quantity"),
        Arguments.of("no line items", "{\"lineItems\":[]}", "lineItems"),
        Arguments.of(
            "a quantity as text", line("\"quantity\":1", "\"quantity\":\"1\""), "quantity"),
        Arguments.of("not JSON", "lineItems=1", "JSON"));
  }

  private static String line(String replaced, String by) {
    assertThat(VALID_LINE).contains(replaced);
    return "{\"lineItems\":[" + VALID_LINE.replace(replaced, by) + "]}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCarts")
  void aCartTheSpecForbidsGets400With800002AndCreatesNothing(String what, String body, String named)
      throws IOException {
    try (Response response = send(post(CARTS, body).header("MS-RequestId", newId()))) {
      assertThat(response.code()).isEqualTo(400);
      String answer = response.body().string();
      assertThat(answer).contains("\"code\":800002").contains("Invalid request input");
      // The problem is named, so that a failing test says what is wrong with the request.
      assertThat(answer).contains(named);
      assertThat(response.header("MS-CorrelationId")).isNotBlank();
    }
    assertThat(fake.carts()).isEmpty();
    assertThat(fake.requests()).singleElement().satisfies(request -> {
      assertThat(request.status()).isEqualTo(400);
      assertThat(request.injectedFault()).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCarts")
  void anUpdateTheSpecForbidsGets400With800002AndChangesNothing(
      String what, String body, String named) throws IOException {
    Cart cart;
    try (PartnerCenterClient client = client()) {
      cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
    }
    try (Response response = send(new Request.Builder()
        .url(fake.baseUrl() + CARTS + "/" + cart.id())
        .header("Authorization", "Bearer any-token")
        .put(RequestBody.create(body, JSON)))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"code\":800002").contains(named);
    }
    assertThat(fake.cart(cart.id())).contains(cart);
  }

  @Test
  void aValidCartIsCreatedWithAnUnknownBillingCycleKeptAsItIs() throws IOException {
    // billingCycle is an open set (x-extensible-enum): a value the spec does not list yet is
    // Partner Center's to judge, not a malformed request.
    String body = line("\"billingCycle\":\"monthly\"", "\"billingCycle\":\"quadrennial\"");
    try (Response response = send(post(CARTS, body))) {
      assertThat(response.code()).isEqualTo(201);
    }
    assertThat(fake.carts())
        .singleElement()
        .satisfies(cart ->
            assertThat(cart.lineItems().get(0).billingCycle().value()).isEqualTo("quadrennial"));
  }

  @Test
  void everyRequestExampleOfTheSpecIsAccepted() throws IOException {
    // The fake is no stricter than the document: each documented request body (of createCart
    // and updateCart, which take the same schema) creates a cart.
    OpenAPI spec =
        new OpenAPIV3Parser().read(Path.of(System.getProperty("openapi.spec")).toString());
    List<String> bodies = new ArrayList<>();
    spec.getPaths()
        .values()
        .forEach(path -> Stream.of(path.getPost(), path.getPut())
            .filter(operation -> operation != null && operation.getRequestBody() != null)
            .forEach(operation -> bodies.addAll(examples(spec, operation))));
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(5);
    for (String body : bodies) {
      try (Response response = send(post(CARTS, body))) {
        assertThat(response.code()).as(body).isEqualTo(201);
      }
    }
    assertThat(fake.carts()).hasSize(bodies.size());
  }

  private static List<String> examples(OpenAPI spec, Operation operation) {
    List<String> found = new ArrayList<>();
    for (io.swagger.v3.oas.models.media.MediaType media :
        operation.getRequestBody().getContent().values()) {
      for (Map.Entry<String, Example> example : media.getExamples().entrySet()) {
        String ref = example.getValue().get$ref();
        Example resolved = ref == null
            ? example.getValue()
            : spec.getComponents().getExamples().get(ref.substring(ref.lastIndexOf('/') + 1));
        try {
          found.add(Json.mapper().writeValueAsString(resolved.getValue()));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return found;
  }

  @Test
  void aRequestIdThatIsNotAGuidGets400AndCreatesNothing() throws IOException {
    // MS-RequestId and MS-CorrelationId are GUIDs (format uuid in the spec).
    try (Response response = send(post(CARTS, VALID_CART).header("MS-RequestId", "retry-1"))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("\"code\":800002").contains("MS-RequestId");
    }
    try (Response response = send(post(CARTS, VALID_CART).header("MS-CorrelationId", "trace me"))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("MS-CorrelationId");
    }
    assertThat(fake.carts()).isEmpty();
    assertThat(fake.requests()).extracting(ReceivedRequest::status).containsExactly(400, 400);
  }

  @Test
  void anInvalidRequestTakesNoScriptedFault() throws IOException {
    fake.enqueueFault(Fault.serviceUnavailable());
    try (Response response = send(post(CARTS, line("\"quantity\":1", "\"quantity\":0")))) {
      assertThat(response.code()).isEqualTo(400);
    }
    assertThat(fake.pendingFaults()).hasSize(1);
  }

  @Test
  void aCheckoutWithTheSdksSuccessBodyIsAccepted() throws IOException {
    // Both official SDKs POST the JSON string "success"; Partner Center ignores it.
    Cart cart;
    try (PartnerCenterClient client = client()) {
      cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
    }
    try (Response response = send(post(CARTS + "/" + cart.id() + "/checkout", "\"success\""))) {
      assertThat(response.code()).isEqualTo(201);
    }
    assertThat(fake.cart(cart.id()))
        .hasValueSatisfying(ordered -> assertThat(ordered.status()).isEqualTo(CartStatus.ORDERED));
  }

  private PartnerCenterClient client() {
    return ContractValidator.clientFor(fake).build();
  }

  private Request.Builder post(String path, String body) {
    return new Request.Builder()
        .url(fake.baseUrl() + path)
        .header("Authorization", "Bearer any-token")
        .post(RequestBody.create(body, JSON));
  }

  private Response send(Request.Builder request) throws IOException {
    return http.newCall(request.build()).execute();
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
