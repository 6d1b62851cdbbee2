package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.WireFixtures.QUICK;
import static org.cspkit.partnercenter.WireFixtures.statuses;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ProvisioningTimeoutException;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.testing.RequestLog;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The provisioning wait on MockWebServer: it polls until no line item is pending, each poll with a
 * new request ID and all with one correlation ID; a wait that times out throws with the last
 * pending statuses; the async wait completes, and stops polling when cancelled; a refused poll ends
 * the wait. The contract validator checks all traffic. The single operations are in {@link
 * OperationsOnTheWireTest}.
 */
@Timeout(30)
class ProvisioningWaitOnTheWireTest {
  static final String CUSTOMER_ID = OperationsOnTheWireTest.CUSTOMER_ID;
  static final String ORDER_ID = OperationsOnTheWireTest.ORDER_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final RequestLog log = new RequestLog(server);

  private PartnerCenterClient client() {
    return WireFixtures.client(server);
  }

  private void serve(MockResponse... responses) {
    Scripted.serve(server, null, responses);
  }

  private static MockResponse json(int code, String body) {
    return Scripted.json(code, body);
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    return log.newRequests();
  }

  @Test
  void theWaitPollsUntilNoLineIsPendingWithANewRequestIdAndOneCorrelationId() throws Exception {
    serve(
        statuses("PrefulfillmentPending"),
        statuses("PrefulfillmentPending"),
        statuses("fulfilled"));

    OrderProvisioningStatusCollection done = client()
        .orders()
        .waitForProvisioning(CUSTOMER_ID, ORDER_ID, QUICK, RequestOptions.defaults());

    assertThat(done.anyPending()).isFalse();
    List<RecordedRequest> polls = requests();
    assertThat(polls).hasSize(3);
    assertThat(polls).extracting(r -> r.getHeaders().get("MS-RequestId")).doesNotHaveDuplicates();
    assertThat(polls)
        .extracting(r -> r.getHeaders().get("MS-CorrelationId"))
        .containsOnly(polls.get(0).getHeaders().get("MS-CorrelationId"));
    assertThat(polls)
        .allSatisfy(r -> assertThat(r.getUrl().encodedPath())
            .endsWith("/orders/" + ORDER_ID + "/provisioningstatus"));
  }

  @Test
  void aWaitThatTimesOutThrowsWithTheLastPendingStatuses() throws Exception {
    Scripted.serveForever(server, statuses("PrefulfillmentPending"));
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(Duration.ofMillis(10))
        .maxInterval(Duration.ofMillis(20))
        .timeout(Duration.ofMillis(200))
        .build();

    ProvisioningTimeoutException timeout = catchThrowableOfType(
        ProvisioningTimeoutException.class,
        () -> client()
            .orders()
            .waitForProvisioning(CUSTOMER_ID, ORDER_ID, wait, RequestOptions.defaults()));

    assertThat(timeout.lastStatuses().anyPending()).isTrue();
    assertThat(timeout.orderId()).isEqualTo(ORDER_ID);
    assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(timeout.correlationId())
        .isEqualTo(requests().get(0).getHeaders().get("MS-CorrelationId"));
    assertThat(timeout).hasMessageContaining(ORDER_ID).hasMessageContaining("1 line item(s)");
    assertThat(server.getRequestCount()).isGreaterThan(1);
  }

  @Test
  void theAsyncWaitCompletesAndStopsPollingWhenCancelled() throws Exception {
    serve(statuses("PrefulfillmentPending"), statuses("fulfilled"));
    PartnerCenterClient client = client();
    assertThat(OrdersService.anyPending(client
            .orders()
            .waitForProvisioningAsync(CUSTOMER_ID, ORDER_ID, QUICK, RequestOptions.defaults())
            .get(10, TimeUnit.SECONDS)))
        .isFalse();
    requests();

    Scripted.serveForever(server, statuses("PrefulfillmentPending"));
    CompletableFuture<OrderProvisioningStatusCollection> waiting = client
        .orders()
        .waitForProvisioningAsync(CUSTOMER_ID, ORDER_ID, QUICK, RequestOptions.defaults());
    while (server.getRequestCount() < 2) {
      Thread.sleep(5);
    }
    waiting.cancel(true);
    int atCancel = server.getRequestCount();
    Thread.sleep(300);

    assertThat(waiting).isCancelled();
    // One poll may have been in flight when the future was cancelled.
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(atCancel + 1);
  }

  @Test
  void aRefusedPollEndsTheWaitSayingThatItNeedsAppPlusUser() {
    serve(
        statuses("PrefulfillmentPending"),
        json(403, "{\"code\":900329,\"description\":" + "\"The user does not have permission.\"}"));

    ForbiddenException e = catchThrowableOfType(
        ForbiddenException.class,
        () -> client()
            .orders()
            .waitForProvisioning(CUSTOMER_ID, ORDER_ID, QUICK, RequestOptions.defaults()));

    assertThat(e.getMessage()).contains("900329").contains("accepts only app+user");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(e).isInstanceOf(PartnerCenterException.class);
  }
}
