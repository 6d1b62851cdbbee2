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
import java.util.stream.Collectors;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 32 threads × 100 whole purchases (create a cart, check it out, read the order) through one
 * client, against the shipped stateful {@link FakePartnerCenter} with seeded random faults (5%
 * each of dropped connections after committing, 429 and 503 on create and checkout): every
 * purchase ends in a result or a typed exception; no purchase creates two carts and no cart is
 * checked out again under a new request ID (which the fake answers with 800065); every reported
 * success has its cart and orders; a reported failure has no cart (or no orders) unless its
 * exception says the call may have succeeded.
 */
class NoDuplicatePurchasesLoadTest {
  static final int THREADS = 32;
  static final int PURCHASES_PER_THREAD = 100;
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;

  /** How one purchase ended, as the caller saw it, and where it stopped. */
  private record Reported(
      String cartId,
      CartCheckoutResult result,
      Order order,
      PartnerCenterException failure,
      String failedStep,
      Throwable untyped) {}

  @Test
  @Timeout(300)
  void noPurchaseCreatesTwoCartsOrOrdersTwiceAndNoOutcomeIsMisreported() throws Exception {
    try (FakePartnerCenter partnerCenter =
        FakePartnerCenter.builder().randomFaults(20261123L, 0.05).start()) {
      run(partnerCenter);
    }
  }

  private static void run(FakePartnerCenter partnerCenter) throws Exception {
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(partnerCenter.baseUrl())
        .accessToken("load-test-token")
        .retryOptions(RetryOptions.builder()
            .maxAttempts(8)
            .initialDelay(Duration.ofMillis(5))
            .maxDelay(Duration.ofMillis(50))
            .deadline(Duration.ofSeconds(60))
            .build())
        .build();
    Map<String, Reported> reported = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int i = 0; i < PURCHASES_PER_THREAD; i++) {
          String purchase = "purchase-" + UUID.randomUUID();
          reported.put(purchase, purchase(client, purchase));
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(280, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<ReceivedRequest> requests = partnerCenter.requests();
    long drops = faults(requests, Fault.Kind.DROP_AFTER_COMMIT);
    long throttled = faults(requests, Fault.Kind.THROTTLED);
    long unavailable = faults(requests, Fault.Kind.SERVICE_UNAVAILABLE);
    long requestIds =
        requests.stream().map(ReceivedRequest::requestId).distinct().count();
    Map<String, List<Cart>> cartsByPurchase = partnerCenter.carts().stream()
        .collect(Collectors.groupingBy(cart -> cart.lineItems().get(0).friendlyName()));
    long duplicateCarts =
        cartsByPurchase.values().stream().filter(c -> c.size() > 1).count();
    long checkoutsAgain = partnerCenter.requests(Operation.CHECKOUT_CART).stream()
        .filter(r -> r.status() == 400)
        .count();
    long successes = reported.values().stream().filter(r -> r.order() != null).count();
    long failures = reported.values().stream().filter(r -> r.failure() != null).count();
    long flaggedMaybe = reported.values().stream()
        .filter(r -> r.failure() != null && r.failure().mayHaveSucceeded())
        .count();
    System.out.printf(
        "load test: %d purchases, %d attempts (%d MS-RequestIds), faults injected:"
            + " %d connection drops after commit, %d 429s, %d 503s; %d successes, %d failures"
            + " (%d flagged may-have-succeeded); duplicate carts: %d, checkouts of an ordered"
            + " cart: %d%n",
        reported.size(),
        requests.size(),
        requestIds,
        drops,
        throttled,
        unavailable,
        successes,
        failures,
        flaggedMaybe,
        duplicateCarts,
        checkoutsAgain);

    assertThat(reported).hasSize(THREADS * PURCHASES_PER_THREAD);
    assertThat(reported.values()).allSatisfy(r -> assertThat(r.untyped()).isNull());
    assertThat(duplicateCarts).isZero();
    assertThat(checkoutsAgain).isZero();
    assertThat(drops).isPositive();
    assertThat(throttled).isPositive();
    assertThat(unavailable).isPositive();
    reported.forEach((purchase, outcome) -> {
      List<Cart> carts = cartsByPurchase.getOrDefault(purchase, List.of());
      String cartId = carts.isEmpty() ? null : carts.get(0).id();
      if (outcome.cartId() != null) {
        assertThat(cartId).as("cart of %s", purchase).isEqualTo(outcome.cartId());
      } else {
        assertThat(outcome.failedStep()).isEqualTo("createCart");
        if (!outcome.failure().mayHaveSucceeded()) {
          assertThat(cartId)
              .as("cart of failed %s (%s)", purchase, outcome.failure().getMessage())
              .isNull();
        }
        return;
      }
      List<Order> orders = partnerCenter.ordersOf(cartId);
      if (outcome.result() != null) {
        assertThat(orders).as("orders of cart %s", cartId).hasSize(1);
        assertThat(outcome.result().orders())
            .extracting(Order::id)
            .containsExactly(orders.get(0).id());
        if (outcome.order() != null) {
          assertThat(outcome.order().id()).isEqualTo(orders.get(0).id());
        } else {
          assertThat(outcome.failedStep()).isEqualTo("getOrder");
        }
      } else if (!outcome.failure().mayHaveSucceeded()) {
        assertThat(orders)
            .as(
                "orders of failed checkout of cart %s (%s)",
                cartId, outcome.failure().getMessage())
            .isEmpty();
      }
    });
  }

  private static long faults(List<ReceivedRequest> requests, Fault.Kind kind) {
    return requests.stream().filter(r -> r.fault() == kind).count();
  }

  /** One purchase: create the cart, check it out, read the order; stops at the first failure. */
  private static Reported purchase(PartnerCenterClient client, String purchase) {
    String step = "createCart";
    String cartId = null;
    CartCheckoutResult result = null;
    try {
      Cart cart = client
          .carts()
          .create(
              CUSTOMER_ID,
              Cart.builder()
                  .lineItems(List.of(CartLineItem.builder()
                      .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
                      .quantity(1)
                      .billingCycle(BillingCycleType.MONTHLY)
                      .termDuration("P1Y")
                      .friendlyName(purchase)
                      .build()))
                  .build());
      cartId = cart.id();
      step = "checkoutCart";
      result = client.carts().checkout(CUSTOMER_ID, cartId);
      step = "getOrder";
      Order order = client.orders().get(CUSTOMER_ID, result.orders().get(0).id());
      return new Reported(cartId, result, order, null, null, null);
    } catch (PartnerCenterException e) {
      return new Reported(cartId, result, null, e, step, null);
    } catch (Throwable e) {
      return new Reported(cartId, result, null, null, step, e);
    }
  }
}
