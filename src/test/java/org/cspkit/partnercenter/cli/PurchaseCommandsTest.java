package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cart, order and purchase commands through picocli's API, against Prism and MockWebServer:
 * what they print, their exit codes, what-if, and bad input.
 */
@ExtendWith(PrismExtension.class)
class PurchaseCommandsTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "3655b1a0-b1c9-4268-9824-577fdbc4d0be";
  static final String ORDER_ID = "3c6f2530-1e31-4088-8230-dd1c31a18bce";
  static final String ITEM = "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,quantity=5,billing=monthly,term=P1Y";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @TempDir
  static Path state;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> environment, String... args) {
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private int run(String baseUrl, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", baseUrl));
    return run(
        Map.of(
            ClientCommand.DEFAULT_TOKEN_VARIABLE, "cli-token", "XDG_STATE_HOME", state.toString()),
        all.toArray(String[]::new));
  }

  @Test
  void cartCreatePrintsTheCartWithItsOrderGroups(PrismServer prism) {
    int exitCode =
        run(prism.baseUrl(), "cart", "create", "--customer-id", CUSTOMER_ID, "--item", ITEM);

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains(CART_ID)
        .contains("Active")
        .contains("MS-AZR-0145P")
        .contains("OMS-0");
  }

  @Test
  void aCartCreatedWithLineItemErrorsExitsEightAndSaysSo() throws Exception {
    server.enqueue(Scripted.json(
        201,
        "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\","
            + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LCHC:0003:CFQ7TTC0KF52\","
            + "\"quantity\":1,\"billingCycle\":\"monthly\",\"error\":{\"errorCode\":400039,"
            + "\"errorDescription\":\"Availability CFQ7TTC0KF52 referenced by line item 0 does not"
            + " support term ''.\"}}]}"));

    int exitCode = run(
        server.url("/").toString(),
        "cart",
        "create",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        "CFQ7TTC0LCHC:0003:CFQ7TTC0KF52,billing=monthly");

    assertThat(exitCode).isEqualTo(ExitCode.NOT_BOUGHT.code());
    assertThat(out.toString()).contains("400039 Availability CFQ7TTC0KF52");
    assertThat(err.toString()).contains("1 line item(s) of cart " + CART_ID + " have errors");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getBody().utf8())
        .isEqualTo("{\"lineItems\":[{\"id\":0,"
            + "\"catalogItemId\":\"CFQ7TTC0LCHC:0003:CFQ7TTC0KF52\",\"quantity\":1,"
            + "\"billingCycle\":\"monthly\"}]}");
  }

  @Test
  void whatIfShowsTheBodyAndSendsNothingWithoutCredentials() {
    int exitCode = run(
        Map.of(),
        "cart",
        "create",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        ITEM,
        "--what-if",
        "--base-url",
        server.url("/").toString());

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains("What if: creating the cart would send this request (nothing was sent)")
        .contains("POST " + server.url("/v1/customers/" + CUSTOMER_ID + "/carts"))
        .contains("Authorization: Bearer ****")
        .contains("\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\",\"quantity\":5");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBadItemIsAUsageErrorBeforeAnythingIsSent() {
    assertThat(run(
            server.url("/").toString(),
            "cart",
            "create",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,quantity=0,billing=monthly"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("cart.lineItems[0].quantity must be at least 1");
    assertThat(run(
            server.url("/").toString(),
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,colour=blue"))
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("unknown key 'colour'");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cartGetAndOrderCommandsPrintWhatPartnerCenterHolds(PrismServer prism) {
    assertThat(
            run(prism.baseUrl(), "cart", "get", "--customer-id", CUSTOMER_ID, "--cart-id", CART_ID))
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(run(
            prism.baseUrl(),
            "order",
            "get",
            "--customer-id",
            CUSTOMER_ID,
            "--order-id",
            ORDER_ID,
            "--include-price"))
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(run(
            prism.baseUrl(),
            "order",
            "list",
            "--customer-id",
            CUSTOMER_ID,
            "--billing-cycle",
            "one_time"))
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(run(
            prism.baseUrl(),
            "order",
            "status",
            "--customer-id",
            CUSTOMER_ID,
            "--order-id",
            ORDER_ID))
        .isEqualTo(ExitCode.SUCCESS.code());

    assertThat(out.toString())
        .contains(ORDER_ID + "  completed  monthly")
        .contains("9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1")
        .contains("Order " + ORDER_ID + ": provisioning status")
        .contains("fulfilled");
  }

  @Test
  void orderStatusWaitPollsUntilTheLinesAreFulfilled() {
    String pending = "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,\"status\":"
        + "\"PrefulfillmentPending\"}]}";
    server.enqueue(Scripted.json(200, pending));
    server.enqueue(Scripted.json(200, pending));
    server.enqueue(Scripted.json(200, pending.replace("PrefulfillmentPending", "fulfilled")));

    int exitCode = run(
        server.url("/").toString(),
        "order",
        "status",
        "--customer-id",
        CUSTOMER_ID,
        "--order-id",
        ORDER_ID,
        "--wait",
        "--poll-interval",
        "0.01",
        "-o",
        "json");

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(out.toString())
        .contains("\"status\": \"fulfilled\"")
        .doesNotContain("PrefulfillmentPending");
  }

  @Test
  void purchasePrintsEachStepAndExitsZero(PrismServer prism) {
    int exitCode = run(prism.baseUrl(), "purchase", "--customer-id", CUSTOMER_ID, "--item", ITEM);

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains("== 1/4 Creating the cart for customer " + CUSTOMER_ID)
        .contains("== 2/4 Checking out cart " + CART_ID)
        .contains("== 3/4 Reading the 3 order(s)")
        .contains("== 4/4 Reading the provisioning status")
        .contains("Bought: cart " + CART_ID + ", 3 order(s)");
  }

  @Test
  void purchaseAsJsonIsOneObjectWithEveryStep(PrismServer prism) {
    assertThat(run(
            prism.baseUrl(),
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            ITEM,
            "-o",
            "json"))
        .isEqualTo(ExitCode.SUCCESS.code());

    assertThat(out.toString())
        .startsWith("{")
        .contains("\"cart\": {")
        .contains("\"checkout\": {")
        .contains("\"orders\": [")
        .contains("\"provisioningStatus\": {")
        .doesNotContain("==");
  }

  @Test
  void aRefusedProvisioningStatusIsANoteAndTheOrdersStillCount() throws Exception {
    String order = "{\"id\":\"" + ORDER_ID + "\",\"status\":\"pending\",\"lineItems\":[]}";
    server.enqueue(Scripted.json(
        201,
        "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\","
            + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
            + "\"quantity\":5,\"billingCycle\":\"monthly\",\"orderGroup\":\"0\"}]}"));
    server.enqueue(Scripted.json(201, "{\"orders\":[" + order + "]}"));
    server.enqueue(Scripted.json(200, order));
    server.enqueue(Scripted.json(403, "{\"code\":900329,\"description\":\"Forbidden.\"}"));

    int exitCode =
        run(server.url("/").toString(), "purchase", "--customer-id", CUSTOMER_ID, "--item", ITEM);

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(err.toString())
        .contains("note: reading the provisioning status of order " + ORDER_ID + " failed")
        .contains("accepts only app+user");
    assertThat(out.toString()).contains("Bought: cart " + CART_ID + ", 1 order(s)");
  }

  @Test
  void aFailedCheckoutAfterTheCartWasCreatedNamesTheCartToCheckOut() {
    server.enqueue(Scripted.json(
        201,
        "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\","
            + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
            + "\"quantity\":5,\"billingCycle\":\"monthly\"}]}"));
    server.enqueue(Scripted.json(
        403,
        "{\"code\":20002,\"description\":\"Partner does not have"
            + " a commerce relationship with the customer.\"}"));

    int exitCode =
        run(server.url("/").toString(), "purchase", "--customer-id", CUSTOMER_ID, "--item", ITEM);

    assertThat(exitCode).isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(err.toString())
        .contains("20002")
        .contains("failed in step 2/4 (the checkout of cart " + CART_ID + ")")
        .contains("cart " + CART_ID + " was not checked out; nothing was bought")
        .containsPattern("next step: partner-center purchase --resume [0-9a-f-]{36}\n");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
