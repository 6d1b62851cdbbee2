package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.OutsideTheContract;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;

/**
 * Answers the spec does not document are not taken as results: a 2xx other than the operation's
 * documented statuses on a GET is a final error that says what came, and a success body that
 * names a property twice is undecodable (for a POST, an outcome that may have succeeded). Each
 * client retries, so a retried answer would show as a second request.
 */
class UndocumentedAnswersTest {
  private static final String CUSTOMER_ID = OperationsOnTheWireTest.CUSTOMER_ID;
  private static final String CART_ID = OperationsOnTheWireTest.CART_ID;
  private static final String ORDER_ID = OperationsOnTheWireTest.ORDER_ID;
  private static final String STATUSES = "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,"
      + "\"status\":\"Fulfilled\",\"quantityProvisioningInformation\":[]}]}";

  /** Each GET operation, with a body of its documented 200. */
  private static final Map<String, GetOperation> GETS = Map.of(
      "getCart",
      new GetOperation(
          OperationsOnTheWireTest.CART, client -> client.carts().get(CUSTOMER_ID, CART_ID)),
      "getOrder",
      new GetOperation(
          OperationsOnTheWireTest.ORDER, client -> client.orders().get(CUSTOMER_ID, ORDER_ID)),
      "listOrders",
      new GetOperation(
          "{\"totalCount\":1,\"items\":[" + OperationsOnTheWireTest.ORDER + "]}",
          client -> client.orders().list(CUSTOMER_ID)),
      "getOrderProvisioningStatus",
      new GetOperation(
          STATUSES, client -> client.orders().getProvisioningStatus(CUSTOMER_ID, ORDER_ID)));

  private record GetOperation(String body, Function<PartnerCenterClient, Object> call) {}

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("answers-test-token")
        .retryOptions(OperationsOnTheWireTest.FAST)
        .build();
  }

  @Test
  @OutsideTheContract("201, 202, 203 and 206 answers to GETs, which document only 200")
  void anUndocumentedSuccessToAGetIsAFinalErrorThatSaysWhatCame() throws Exception {
    try (PartnerCenterClient client = client()) {
      for (Map.Entry<String, GetOperation> get : GETS.entrySet()) {
        for (int status : List.of(201, 202, 203, 206)) {
          int before = server.getRequestCount();
          server.enqueue(Scripted.json(status, get.getValue().body()));
          server.enqueue(Scripted.json(200, get.getValue().body()));

          UndecodableResponseException e = catchThrowableOfType(
              UndecodableResponseException.class, () -> get.getValue().call().apply(client));

          assertThat(e).as(get.getKey() + " answered " + status).isNotNull();
          assertThat(e.statusCode()).isEqualTo(status);
          assertThat(e.getMessage())
              .contains("returned " + status)
              .contains(get.getKey())
              .contains("documents only 200");
          assertThat(e.requestId()).isNotNull();
          assertThat(e.correlationId()).isNotNull();
          assertThat(e.bodyExcerpt()).isEqualTo(get.getValue().body());
          assertThat(e.mayHaveSucceeded()).isFalse();
          assertThat(server.getRequestCount() - before).as("not retried").isEqualTo(1);
          // The documented 200 queued behind it is the next call's answer: a model.
          assertThat(get.getValue().call().apply(client)).isNotNull();
        }
      }
    }
  }

  @Test
  @OutsideTheContract("a checkout result that names orders twice")
  void aCheckoutResultThatNamesOrdersTwiceIsUndecodableAndMayHaveSucceeded() {
    server.enqueue(Scripted.json(
        201,
        "{\"orders\":[" + OperationsOnTheWireTest.ORDER + "],\"orderErrors\":[],\"orders\":[]}"));

    UndecodableResponseException e;
    try (PartnerCenterClient client = client()) {
      e = catchThrowableOfType(
          UndecodableResponseException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
    }

    assertThat(e.statusCode()).isEqualTo(201);
    assertThat(e.getMessage()).contains("'orders'").contains("twice");
    assertThat(e.mayHaveSucceeded()).isTrue();
    assertThat(e.getMessage()).contains("may have succeeded");
    assertThat(server.getRequestCount()).as("not sent again").isEqualTo(1);
  }

  @Test
  @OutsideTheContract("success bodies that name a property twice")
  void aNameTwiceAnywhereInASuccessBodyIsUndecodable() {
    String order = OperationsOnTheWireTest.ORDER;
    List<String> bodies = List.of(
        // A property of the model, in a nested object, and the second spelled with an escape.
        order.replace("{\"id\"", "{\"id\":\"other\",\"\\u0069d\""),
        // A property the model does not know.
        order.replace("{\"id\"", "{\"future\":1,\"future\":2,\"id\""),
        // A name twice inside the value of a property the model does not know.
        order.replace("{\"id\"", "{\"future\":[{\"a\":{\"b\":1,\"b\":2}}],\"id\""),
        // A map key twice, the first with a null value.
        order.replace(
            "\"lineItems\":[]",
            "\"lineItems\":[{\"lineItemNumber\":0,"
                + "\"provisioningContext\":{\"scope\":null,\"scope\":\"shared\"}}]"));
    try (PartnerCenterClient client = client()) {
      for (String body : bodies) {
        server.enqueue(Scripted.json(200, body));

        UndecodableResponseException e = catchThrowableOfType(
            UndecodableResponseException.class, () -> client.orders().get(CUSTOMER_ID, ORDER_ID));

        assertThat(e).as(body).isNotNull();
        assertThat(e.getMessage()).as(body).contains("twice");
        assertThat(e.mayHaveSucceeded()).isFalse();
      }
      // The same names once each decode.
      server.enqueue(
          Scripted.json(200, order.replace("{\"id\"", "{\"future\":{\"b\":[1]},\"id\"")));
      Order read = client.orders().get(CUSTOMER_ID, ORDER_ID);
      assertThat(read.id()).isEqualTo(ORDER_ID);
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }
}
