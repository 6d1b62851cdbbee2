package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;

/** Wait settings are checked when set, every accepted one works, and a listener sees each poll. */
class ProvisioningWaitTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  private static final String PENDING = "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,"
      + "\"status\":\"PrefulfillmentPending\"}]}";
  private static final String FULFILLED = PENDING.replace("PrefulfillmentPending", "fulfilled");

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("wait-test-token")
        .build();
  }

  private void pendingTwiceThenFulfilled() {
    Scripted.serve(
        server,
        null,
        Scripted.json(200, PENDING),
        Scripted.json(200, PENDING),
        Scripted.json(200, FULFILLED));
  }

  @Test
  void equalIntervalsPollAtAFixedIntervalOnBothPaths() {
    Duration fixed = Duration.ofMillis(20);
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(fixed)
        .maxInterval(fixed)
        .timeout(Duration.ofSeconds(30))
        .build();

    pendingTwiceThenFulfilled();
    try (PartnerCenterClient client = client()) {
      assertThat(OrdersService.anyPending(client
              .orders()
              .waitForProvisioning(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults())))
          .isFalse();
      pendingTwiceThenFulfilled();
      assertThat(OrdersService.anyPending(client
              .orders()
              .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults())
              .join()))
          .isFalse();
    }
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aTimeoutNotLongerThanTheFirstIntervalIsRefusedWithBothSettingsNamed() {
    assertThatThrownBy(() -> ProvisioningWaitOptions.builder()
            .initialInterval(Duration.ofSeconds(60))
            .maxInterval(Duration.ofSeconds(120))
            .timeout(Duration.ofSeconds(30))
            .build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("timeout", "initialInterval", "PT1M", "PT30S");
    assertThatThrownBy(() -> ProvisioningWaitOptions.builder()
            .initialInterval(Duration.ofSeconds(10))
            .maxInterval(Duration.ofSeconds(5))
            .build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("maxInterval", "initialInterval");
    assertThatThrownBy(() -> ProvisioningWaitOptions.builder().timeout(Duration.ZERO))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be more than zero");
    assertThat(ProvisioningWaitOptions.builder().build())
        .isEqualTo(ProvisioningWaitOptions.defaults());
  }

  @Test
  void thePollListenerSeesEveryPollTheLastIncludedOnBothPaths() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(Duration.ofMillis(10))
        .maxInterval(Duration.ofMillis(40))
        .pollListener(statuses -> seen.add(status(statuses)))
        .build();

    pendingTwiceThenFulfilled();
    try (PartnerCenterClient client = client()) {
      client.orders().waitForProvisioning(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults());
      assertThat(seen)
          .containsExactly("PrefulfillmentPending", "PrefulfillmentPending", "fulfilled");
      seen.clear();
      pendingTwiceThenFulfilled();
      client
          .orders()
          .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults())
          .join();
    }
    assertThat(seen).containsExactly("PrefulfillmentPending", "PrefulfillmentPending", "fulfilled");
    assertThat(wait.newBuilder().build()).isEqualTo(wait);
    assertThat(wait.toString()).contains("pollListener");
  }

  @Test
  void aPollsRetryAfterStretchesTheWaitBeforeTheNextPollOnBothPaths() {
    ProvisioningWaitOptions wait = ProvisioningWaitOptions.builder()
        .initialInterval(Duration.ofMillis(10))
        .maxInterval(Duration.ofMillis(10))
        .timeout(Duration.ofSeconds(30))
        .build();
    try (PartnerCenterClient client = client()) {
      pendingWithRetryAfterThenFulfilled();
      long start = System.nanoTime();
      client.orders().waitForProvisioning(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));

      pendingWithRetryAfterThenFulfilled();
      start = System.nanoTime();
      client
          .orders()
          .waitForProvisioningAsync(CUSTOMER_ID, "o-1", wait, RequestOptions.defaults())
          .join();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  private void pendingWithRetryAfterThenFulfilled() {
    Scripted.serve(
        server,
        null,
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("Retry-After", "1")
            .body(PENDING)
            .build(),
        Scripted.json(200, FULFILLED));
  }

  private static String status(OrderProvisioningStatusCollection statuses) {
    return statuses.items().get(0).status().value();
  }
}
