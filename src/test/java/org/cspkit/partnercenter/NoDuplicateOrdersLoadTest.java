package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.FakePartnerCenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 32 threads × 300 checkouts of distinct carts through one client, against a stateful fake
 * Partner Center that drops connections after committing and throttles: every call ends in a
 * result or a typed exception, no cart is ordered twice, every reported success has its orders,
 * and a reported failure has no orders unless its exception says the checkout may have succeeded.
 */
class NoDuplicateOrdersLoadTest {
  static final int THREADS = 32;
  static final int CHECKOUTS_PER_THREAD = 300;
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** How one checkout ended, as the caller saw it. */
  private record Reported(CartCheckoutResult result, PartnerCenterException failure,
      Throwable untyped) {}

  @Test
  @Timeout(300)
  void noCartIsOrderedTwiceAndNoOutcomeIsMisreported() throws Exception {
    FakePartnerCenter partnerCenter = new FakePartnerCenter(20261122L);
    server.setDispatcher(partnerCenter);
    PartnerCenterClient client = ContractValidator.client().baseUrl(server.url("/").toString())
        .accessToken("load-test-token")
        .retryOptions(RetryOptions.builder().maxAttempts(8).initialDelay(Duration.ofMillis(5))
            .maxDelay(Duration.ofMillis(50)).deadline(Duration.ofSeconds(60)).build())
        .build();
    Map<String, Reported> reported = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int i = 0; i < CHECKOUTS_PER_THREAD; i++) {
          String cartId = UUID.randomUUID().toString();
          try {
            reported.put(cartId, new Reported(client.carts().checkout(CUSTOMER_ID, cartId), null, null));
          } catch (PartnerCenterException e) {
            reported.put(cartId, new Reported(null, e, null));
          } catch (Throwable e) {
            reported.put(cartId, new Reported(null, null, e));
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(280, TimeUnit.SECONDS);
    }
    pool.shutdown();

    long successes = reported.values().stream().filter(r -> r.result() != null).count();
    long failures = reported.values().stream().filter(r -> r.failure() != null).count();
    long flaggedMaybe = reported.values().stream()
        .filter(r -> r.failure() != null && r.failure().mayHaveSucceeded()).count();
    System.out.printf("load test: %d calls, %d attempts (%d MS-RequestIds), faults injected:"
            + " %d connection drops after commit, %d 429s, %d 503s; %d successes, %d failures"
            + " (%d flagged may-have-succeeded); duplicates: %d%n",
        reported.size(), partnerCenter.requests(), partnerCenter.distinctRequestIds(),
        partnerCenter.dropsAfterCommit(), partnerCenter.throttled(), partnerCenter.unavailable(),
        successes, failures, flaggedMaybe, partnerCenter.duplicates());

    assertThat(reported).hasSize(THREADS * CHECKOUTS_PER_THREAD);
    assertThat(reported.values()).allSatisfy(r -> assertThat(r.untyped()).isNull());
    assertThat(partnerCenter.duplicates()).isZero();
    // One MS-RequestId per logical checkout, whatever the number of attempts.
    assertThat(partnerCenter.distinctRequestIds()).isEqualTo(THREADS * CHECKOUTS_PER_THREAD);
    assertThat(partnerCenter.dropsAfterCommit()).isPositive();
    assertThat(partnerCenter.throttled()).isPositive();
    assertThat(partnerCenter.unavailable()).isPositive();
    reported.forEach((cartId, outcome) -> {
      FakePartnerCenter.OrderSet orders = partnerCenter.orders(cartId);
      if (outcome.result() != null) {
        assertThat(orders).as("orders of successful cart %s", cartId).isNotNull();
        assertThat(partnerCenter.orderSetsCreated(cartId)).isEqualTo(1);
        assertThat(outcome.result().orders()).extracting(order -> order.id())
            .containsExactly(orders.orderId());
      } else if (!outcome.failure().mayHaveSucceeded()) {
        assertThat(orders).as("orders of failed cart %s (%s)", cartId,
            outcome.failure().getMessage()).isNull();
      }
    });
  }
}
