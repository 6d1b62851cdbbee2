package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CART_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.CUSTOMER_ID;
import static org.cspkit.partnercenter.cli.CheckoutCommandTest.TOKEN;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code -o json} prints (one object whose shape stays stable, control characters escaped,
 * the IDs of a purchase that failed), the notes of a purchase whose orders cannot be read, and
 * what {@code --wait} prints while it waits and when it is stopped.
 */
class CliJsonAndProgressTest {
  private static final String ORDER_ID = "o-1";
  private static final String CART = "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\","
      + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
      + "\"quantity\":5,\"billingCycle\":\"monthly\",\"orderGroup\":\"0\"}]}";
  private static final String PENDING = "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,"
      + "\"status\":\"PrefulfillmentPending\"}]}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @TempDir
  Path state;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> extra, Terminal terminal, String... args) {
    Map<String, String> environment = new HashMap<>(extra);
    environment.put(ClientCommand.DEFAULT_TOKEN_VARIABLE, TOKEN);
    environment.put("XDG_STATE_HOME", state.toString());
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", server.url("/").toString()));
    return PartnerCenterCli.newCommandLine(
            environment, new PrintWriter(out, true), new PrintWriter(err, true), null, terminal)
        .execute(all.toArray(String[]::new));
  }

  private int run(String... args) {
    return run(Map.of(), Terminal.none(), args);
  }

  private static Map<String, Object> parse(String json) throws Exception {
    return new Moshi.Builder()
        .build()
        .<Map<String, Object>>adapter(
            Types.newParameterizedType(Map.class, String.class, Object.class))
        .fromJson(json);
  }

  /** {@code order status --wait} of the order, polling at this interval, then {@code extra}. */
  private static String[] orderStatusWait(String pollInterval, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "order",
        "status",
        "--customer-id",
        CUSTOMER_ID,
        "--order-id",
        ORDER_ID,
        "--wait",
        "--poll-interval",
        pollInterval));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @SuppressWarnings("unchecked") // a JSON object, as Moshi reads it
  private static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void emptyArraysStayInTheJsonAndControlCharactersAreEscaped() throws Exception {
    server.enqueue(Scripted.json(200, "{\"totalCount\":0,\"items\":[]}"));
    assertThat(run("order", "list", "--customer-id", CUSTOMER_ID, "-o", "json")).isZero();
    assertThat(parse(out.toString())).containsEntry("items", List.of());

    out.getBuffer().setLength(0);
    server.enqueue(Scripted.json(
        201,
        "{\"orders\":[{\"id\":\"" + ORDER_ID + "\",\"lineItems\":[{\"lineItemNumber\":0,"
            + "\"friendlyName\":\"evil\u009b2J\u007fname\"}]}]}"));
    assertThat(run("checkout", "--customer-id", CUSTOMER_ID, "--cart-id", CART_ID, "-o", "json"))
        .isZero();
    assertThat(out.toString())
        .contains("\"friendlyName\": \"evil\\u009b2J\\u007fname\"")
        .doesNotContain("\u009b")
        .doesNotContain("\u007f");
    assertThat(parse(out.toString())).containsEntry("orderErrors", List.of());
  }

  @Test
  void whatIfAsJsonIsOneObjectWithTheRequest() throws Exception {
    assertThat(run(
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly",
            "--what-if",
            "-o",
            "json"))
        .isZero();
    Map<String, Object> whatIf = object(parse(out.toString()).get("whatIf"));
    Map<String, Object> request = object(whatIf.get("request"));
    assertThat(request)
        .containsEntry("method", "POST")
        .containsEntry(
            "url", server.url("/v1/customers/" + CUSTOMER_ID + "/carts").toString());
    assertThat(object(request.get("headers"))).containsEntry("Authorization", "Bearer ****");
    assertThat(request.get("body").toString()).contains("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5");
    assertThat(whatIf).containsEntry("sent", false);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFailedPurchaseInJsonCarriesItsIdsAndTheNextStep() throws Exception {
    server.enqueue(Scripted.json(201, CART));
    server.enqueue(Scripted.json(
        500, "{\"code\":800005,\"description\":\"Create order was not" + " successful.\"}"));
    assertThat(run(
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5",
            "--max-attempts",
            "1",
            "-o",
            "json"))
        .isEqualTo(ExitCode.SERVICE_ERROR.code());

    Map<String, Object> error = object(parse(out.toString()).get("error"));
    assertThat(error)
        .containsEntry("exitCode", 5.0)
        .containsEntry("serviceErrorCode", "800005")
        .containsEntry("cartId", CART_ID)
        .containsEntry("orderIds", List.of())
        .containsEntry("step", "CHECKING_OUT");
    assertThat((String) error.get("nextStep"))
        .isEqualTo("partner-center purchase --resume " + error.get("purchaseId"));
    assertThat(err.toString()).contains("failed in step 2/4 (the checkout of cart " + CART_ID);
  }

  @Test
  void orderIdsTheClientCannotUseAreNotesAndTheCheckoutsExitCodeStands() {
    server.enqueue(Scripted.json(201, CART));
    server.enqueue(
        Scripted.json(
            201,
            "{\"orders\":[{\"id\":\"a/b\"},{\"id\":\"a b\"},{\"id\":\"..\"},{\"status\":\"pending\"}]}"));

    int exitCode = run(
        "purchase",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains("note: reading order a/b failed: orderId must be an ID")
        .contains("note: reading order a b failed")
        .contains("note: reading order .. failed")
        .contains("note: reading order null failed: orderId must be an ID such as")
        .doesNotContain("Exception");
    assertThat(out.toString()).contains("Bought: cart " + CART_ID + ", 4 order(s)");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void waitingPrintsEachChangeAndTheTimeWaitedOnStderrOnly() {
    server.enqueue(Scripted.json(200, PENDING));
    server.enqueue(Scripted.json(200, PENDING));
    server.enqueue(Scripted.json(200, PENDING.replace("PrefulfillmentPending", "fulfilled")));
    String[] wait = orderStatusWait("0.01");

    assertThat(run(Map.of("PARTNER_CENTER_PROGRESS", "1"), Terminal.none(), wait))
        .isZero();
    assertThat(err.toString())
        .contains("order o-1: 1 of 1 line item(s) pending after ")
        .contains("order o-1, line 0: PrefulfillmentPending -> fulfilled")
        .contains("order o-1: no line item pending after ");
    assertThat(out.toString()).doesNotContain("pending after").doesNotContain(" -> ");

    err.getBuffer().setLength(0);
    server.enqueue(Scripted.json(200, PENDING.replace("PrefulfillmentPending", "fulfilled")));
    List<String> quiet = new ArrayList<>(List.of(wait));
    quiet.add("--quiet");
    assertThat(run(
            Map.of("PARTNER_CENTER_PROGRESS", "1"), Terminal.none(), quiet.toArray(String[]::new)))
        .isZero();
    assertThat(err.toString()).doesNotContain("pending after");
  }

  @Test
  void everyOrderGroupFailedIsNotBought() {
    String failed = "{\"orders\":[],\"orderErrors\":[{\"orderGroupId\":\"0\",\"code\":800020,"
        + "\"description\":\"The catalog item is not eligible for purchase.\"}]}";
    server.enqueue(Scripted.json(201, failed));
    assertThat(run("checkout", "--customer-id", CUSTOMER_ID, "--cart-id", CART_ID))
        .isEqualTo(ExitCode.NOT_BOUGHT.code());
    assertThat(out.toString()).contains("Not bought: every order group failed.");

    out.getBuffer().setLength(0);
    server.enqueue(Scripted.json(201, CART));
    server.enqueue(Scripted.json(201, failed));
    assertThat(run(
            "purchase",
            "--customer-id",
            CUSTOMER_ID,
            "--item",
            "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5"))
        .isEqualTo(ExitCode.NOT_BOUGHT.code());
    assertThat(out.toString())
        .contains("Not bought: every order group of cart " + CART_ID + ", 0 order(s), 1 order"
            + " group(s) failed")
        .doesNotContain("Bought:");
  }

  @Test
  void aCheckoutAnswered800065IsBoughtWhenTheCartIsOrderedAndUnknownWhenItCannotBeRead()
      throws Exception {
    String submitted =
        "{\"code\":800065,\"description\":\"Cannot checkout an already" + " submitted cart.\"}";
    String[] purchase = {
      "purchase",
      "--customer-id",
      CUSTOMER_ID,
      "--item",
      "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5",
      "--max-attempts",
      "1"
    };
    server.enqueue(Scripted.json(201, CART));
    server.enqueue(Scripted.json(400, submitted));
    server.enqueue(Scripted.json(200, CART.replace("Active", "Ordered")));
    assertThat(run(purchase)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Bought: cart " + CART_ID + " was checked out earlier");

    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    server.enqueue(Scripted.json(201, CART));
    server.enqueue(Scripted.json(400, submitted));
    server.enqueue(Scripted.json(500, "{\"code\":800003,\"description\":\"Unexpected.\"}"));
    assertThat(run(purchase)).isEqualTo(ExitCode.OUTCOME_UNKNOWN.code());
    assertThat(err.toString())
        .contains("the checkout of cart " + CART_ID + " may have succeeded")
        .doesNotContain("nothing was bought");
  }

  @Test
  void aWaitThatTimesOutPrintsTheSameWaitAsItsNextStep() {
    for (int i = 0; i < 20; i++) {
      server.enqueue(Scripted.json(200, PENDING));
    }
    assertThat(run(orderStatusWait("0.01", "--wait-timeout", "0.05")))
        .isEqualTo(ExitCode.STILL_PENDING.code());
    assertThat(err.toString())
        .contains("next step: partner-center order status --customer-id " + CUSTOMER_ID
            + " --order-id o-1 --wait --poll-interval 0.01 --wait-timeout 0.05 --base-url ");
  }

  @Test
  void aStoppedWaitSaysItWasAReadAndHowToWaitAgain() throws Exception {
    for (int i = 0; i < 50; i++) {
      server.enqueue(Scripted.json(200, PENDING));
    }
    Terminal terminal = Terminal.none();
    CompletableFuture<Integer> exitCode =
        CompletableFuture.supplyAsync(() -> run(Map.of(), terminal, orderStatusWait("0.05")));
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

    terminal.interrupt(new PrintWriter(new StringWriter(), true));

    assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.INTERRUPTED.code());
    assertThat(err.toString())
        .contains("interrupted: the wait for the provisioning of order o-1 was stopped")
        .contains("order o-1 exists, and its provisioning goes on; only the wait was stopped:"
            + " nothing was changed (a read)")
        .contains("next step: partner-center order status --customer-id " + CUSTOMER_ID
            + " --order-id o-1 --wait --poll-interval 0.05 --base-url " + server.url("/"))
        .doesNotContain("checkout");
  }
}
