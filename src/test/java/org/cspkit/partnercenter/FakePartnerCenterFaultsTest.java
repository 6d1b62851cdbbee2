package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartStatus;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.Fault;
import org.cspkit.partnercenter.test.Operation;
import org.cspkit.partnercenter.test.ReceivedRequest;
import org.cspkit.partnercenter.test.TestData;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped fake's scripted faults through the library's client, as a user tests against
 * them: throttling, 503, connections dropped before and after the operation ran, documented
 * error codes; a fault scoped to an operation by its {@code operationId}. Every request, and
 * every answer of the fake, errors included, is validated against the OpenAPI document.
 */
class FakePartnerCenterFaultsTest {
  static final String CUSTOMER_ID = TestData.CUSTOMER_ID;

  FakePartnerCenter fake;
  PartnerCenterClient client;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
    client = client(RetryOptions.builder()
        .maxAttempts(4)
        .initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5))
        .build());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private PartnerCenterClient client(RetryOptions retries) {
    return ContractValidator.clientFor(fake).retryOptions(retries).build();
  }

  @Test
  void aThrottledCheckoutIsRetriedWithTheSameRequestIdAndSucceeds() {
    fake.enqueueFault(Fault.throttled(Duration.ZERO).on(Operation.CHECKOUT_CART));
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    assertThat(fake.pendingFaults()).hasSize(1);

    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, cart.id());

    assertThat(result.orders()).hasSize(1);
    List<ReceivedRequest> checkouts = fake.requests(Operation.CHECKOUT_CART);
    assertThat(checkouts).extracting(ReceivedRequest::status).containsExactly(429, 201);
    assertThat(checkouts)
        .extracting(ReceivedRequest::fault)
        .containsExactly(Fault.Kind.THROTTLED, null);
    assertThat(checkouts.get(1).requestId()).isEqualTo(checkouts.get(0).requestId());
    assertThat(fake.pendingFaults()).isEmpty();
  }

  @Test
  void throttlingAnnouncesRetryAfterInWholeSeconds() {
    fake.enqueueFault(Fault.throttled(Duration.ofMillis(1500)));
    PartnerCenterClient once = client(RetryOptions.builder().maxAttempts(1).build());

    assertThatThrownBy(() -> once.orders().list(CUSTOMER_ID))
        .isInstanceOfSatisfying(
            ThrottledException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2)));
    once.close();
  }

  @Test
  void aServiceUnavailableCreateIsRetriedAndCreatesOneCart() {
    fake.enqueueFault(Fault.serviceUnavailable());

    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());

    assertThat(fake.requests()).extracting(ReceivedRequest::status).containsExactly(503, 201);
    assertThat(fake.carts()).extracting(Cart::id).containsExactly(cart.id());
  }

  @Test
  void aCheckoutWhoseAnswerIsLostAfterCommitIsRecoveredByItsRetry() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    fake.enqueueFault(Fault.dropAfterCommit().on(Operation.CHECKOUT_CART));

    CartCheckoutResult result = client.carts().checkout(CUSTOMER_ID, cart.id());

    assertThat(fake.ordersOf(cart.id()))
        .extracting(Order::id)
        .containsExactly(result.orders().get(0).id());
    List<ReceivedRequest> checkouts = fake.requests(Operation.CHECKOUT_CART);
    assertThat(checkouts).extracting(ReceivedRequest::status).containsExactly(201, 200);
    assertThat(checkouts)
        .extracting(ReceivedRequest::fault)
        .containsExactly(Fault.Kind.DROP_AFTER_COMMIT, null);
  }

  @Test
  void aCheckoutWhoseAnswerIsLostEndsInAnUnknownOutcomeWhenItCannotBeRetried() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    fake.enqueueFault(Fault.dropAfterCommit());
    PartnerCenterClient once = client(RetryOptions.builder().maxAttempts(1).build());

    assertThatThrownBy(() -> once.carts().checkout(CUSTOMER_ID, cart.id()))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.mayHaveSucceeded()).isTrue());
    assertThat(fake.ordersOf(cart.id())).hasSize(1);
    once.close();
  }

  @Test
  void aConnectionDroppedBeforeCommitChangesNothing() {
    fake.enqueueFault(Fault.dropBeforeCommit().on(Operation.CREATE_CART));

    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());

    assertThat(fake.requests())
        .extracting(ReceivedRequest::fault)
        .containsExactly(Fault.Kind.DROP_BEFORE_COMMIT, null);
    assertThat(fake.carts()).extracting(Cart::id).containsExactly(cart.id());
  }

  @Test
  void aScriptedErrorCodeGetsItsDocumentedAnswerAndChangesNothing() {
    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    fake.enqueueFault(Fault.errorCode(800065));
    fake.enqueueFault(Fault.errorCode(800005));
    PartnerCenterClient once = client(RetryOptions.builder().maxAttempts(1).build());

    assertThat(client.carts().get(CUSTOMER_ID, cart.id())).isEqualTo(cart);
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, cart.id()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).hasValue(800065);
        });
    assertThatThrownBy(() -> once.carts().checkout(CUSTOMER_ID, cart.id()))
        .isInstanceOfSatisfying(
            ServerErrorException.class, e -> assertThat(e.errorCode()).hasValue(800005));
    once.close();
    assertThat(fake.ordersOf(cart.id())).isEmpty();
    assertThat(fake.cart(cart.id()))
        .hasValueSatisfying(active -> assertThat(active.status()).isEqualTo(CartStatus.ACTIVE));
    assertThatThrownBy(() -> Fault.errorCode(123))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Fault.error(");
  }

  @Test
  void aFaultScopedByOperationIdIsTakenByThatOperationOnly() {
    Fault throttled = Fault.throttled(Duration.ZERO).on("checkoutCart");
    assertThat(throttled.operationId()).isEqualTo("checkoutCart");
    assertThat(throttled.operation()).isEqualTo(Operation.CHECKOUT_CART);
    fake.enqueueFault(throttled);

    Cart cart = client.carts().create(CUSTOMER_ID, TestData.newCart());
    assertThat(fake.pendingFaults()).containsExactly(throttled);
    client.carts().checkout(CUSTOMER_ID, cart.id());

    assertThat(fake.requests("checkoutCart"))
        .extracting(ReceivedRequest::status)
        .containsExactly(429, 201);
    assertThat(fake.requests("checkoutCart")).isEqualTo(fake.requests(Operation.CHECKOUT_CART));
    assertThat(fake.requests("createCart")).singleElement().satisfies(request -> {
      assertThat(request.operation()).isEqualTo(Operation.CREATE_CART);
      assertThat(request.operationId()).isEqualTo("createCart");
    });
    assertThat(fake.pendingFaults()).isEmpty();
  }
}
