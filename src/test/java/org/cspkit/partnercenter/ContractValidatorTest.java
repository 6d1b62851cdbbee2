package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;

/**
 * The contract check that every other test runs under ({@link ContractValidator}) does fail on
 * drift: a request or an accepted response that the OpenAPI document does not allow.
 */
class ContractValidatorTest {
  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final OkHttpClient validated = ContractValidator.okHttp();

  private Request.Builder checkout() {
    return new Request.Builder()
        .url(server.url("/v1/customers/" + ResponseMappingTest.CUSTOMER_ID + "/carts/"
            + ResponseMappingTest.CART_ID + "/checkout"))
        .header("Authorization", "Bearer t")
        .header("Accept", "application/json")
        .post(RequestBody.create(new byte[0]));
  }

  @Test
  void aRequestHeaderThatBreaksTheSpecIsReported() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(201).body(ResponseMappingTest.ONE_ORDER).build());

    try (Response response = validated
        .newCall(checkout().header("MS-RequestId", "not-a-guid").build())
        .execute()) {
      assertThat(response.code()).isEqualTo(201);
    }

    assertThat(ContractValidator.drainViolations())
        .singleElement()
        .asString()
        .startsWith("request POST /v1/customers/")
        .contains("not-a-guid", "uuid");
  }

  @Test
  void aPathTheSpecDoesNotHaveIsReported() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(201).body(ResponseMappingTest.ONE_ORDER).build());

    try (Response response = validated
        .newCall(new Request.Builder()
            .url(server.url("/v1/customers/" + ResponseMappingTest.CUSTOMER_ID + "/cart/checkout"))
            .header("Authorization", "Bearer t")
            .post(RequestBody.create(new byte[0]))
            .build())
        .execute()) {
      assertThat(response.code()).isEqualTo(201);
    }

    assertThat(ContractValidator.drainViolations())
        .anySatisfy(violation -> assertThat(violation).contains("validation.request.path.missing"));
  }

  @Test
  void anAcceptedResponseThatBreaksTheSpecIsReported() throws Exception {
    // Moshi reads a JSON number into a String component, so the client accepts this order ID;
    // the spec says it is a string.
    String numericId =
        ResponseMappingTest.ONE_ORDER.replaceFirst("\"id\"\\s*:\\s*\"[^\"]*\"", "\"id\": 42");
    assertThat(numericId).isNotEqualTo(ResponseMappingTest.ONE_ORDER);
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(numericId)
        .build());

    try (Response response = validated.newCall(checkout().build()).execute()) {
      assertThat(response.body().string()).contains("42");
    }

    assertThat(ContractValidator.drainViolations())
        .singleElement()
        .asString()
        .startsWith("accepted response 201")
        .contains("/orders/0/id");
  }
}
