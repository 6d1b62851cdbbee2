package org.cspkit.partnercenter;

import java.util.concurrent.CompletableFuture;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ProvisioningTimeoutException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.internal.Arguments;
import org.cspkit.partnercenter.internal.OperationCall;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.Poller;
import org.cspkit.partnercenter.internal.generated.OrdersApi;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * The order operations of {@link PartnerCenterClient#orders()}: read an order, list a customer's
 * orders, read an order's provisioning status, and wait until it is provisioned. Every operation
 * has the forms of the {@linkplain org.cspkit.partnercenter package documentation}: {@code
 * x(required)} and {@code xAsync(required)}; with every argument {@code x}, {@code xAsync}, {@code
 * xWithResponse} and {@code xWithResponseAsync} (none changes anything: no {@code previewX}). What
 * every operation does (argument checks, retries, interrupts, cancellation, {@code close()}) is
 * written there once; each operation's own contract is on its blocking full form, and the other
 * forms link to it. The forms are generated from the spec ({@code generator-templates/forms});
 * this class binds each operation's call. All are GETs, safe to repeat; a 2xx other than 200 is an {@link
 * UndecodableResponseException}. Order IDs are opaque strings, not always GUIDs, but one path
 * segment and never with a lone surrogate. The wait has a blocking and an {@code …Async} form,
 * each short and full. Thread-safe.
 */
public final class OrdersService extends OrdersForms {
  private final Pipeline pipeline;
  private final OrdersApi api;

  OrdersService(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.api = pipeline.api(OrdersApi.class);
  }

  @Override
  OrdersApi api() {
    return api;
  }

  /**
   * Polls an order's provisioning status until no line item is pending ({@link
   * OrderLineItemProvisioningStatus#isPending()}), on the calling thread, which sleeps between
   * polls. Each poll is a {@link #getProvisioningStatus(String, String, RequestOptions)} with its
   * own retries and a new {@code MS-RequestId}; the correlation ID and retry options of {@code
   * options} apply to every poll. The polls follow {@code wait}: intervals, {@code Retry-After},
   * timeout, and a listener that sees every poll's statuses.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param wait the intervals, timeout and listener
   * @param options the correlation ID and retry options of each poll (a request ID in it is
   *     ignored: each poll gets a new one)
   * @return the statuses of the last poll, none pending
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws ProvisioningTimeoutException if a line item is still pending at the timeout, with the
   *     last statuses read
   * @throws PartnerCenterException the failure of a poll, which ends the wait (such as the 401 or
   *     403 of an app-only token); a {@link TransportException} when the thread is interrupted
   *     between polls, with the interrupt flag kept
   * @throws RuntimeException what the wait's poll listener throws, which ends the wait
   * @throws IllegalStateException if the client is closed
   */
  public OrderProvisioningStatusCollection waitForProvisioning(
      String customerId, String orderId, ProvisioningWaitOptions wait, RequestOptions options) {
    return provisioning(customerId, orderId, wait).await(options);
  }

  /**
   * Polls as {@link #waitForProvisioning(String, String, ProvisioningWaitOptions, RequestOptions)}
   * does, without blocking: each poll starts on the client's threads, with the caller's
   * OpenTelemetry context and MDC, and the waits between them are scheduled. Cancelling the future
   * stops the polling and the poll in flight; the client's {@code close()} ends the wait at once
   * with a {@link TransportException}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param wait the intervals, timeout and listener
   * @param options the correlation ID and retry options of each poll
   * @return a future completed with the statuses of the last poll, none pending, or with what
   *     {@link #waitForProvisioning(String, String, ProvisioningWaitOptions, RequestOptions)}
   *     would throw (a {@link ProvisioningTimeoutException} at the timeout)
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<OrderProvisioningStatusCollection> waitForProvisioningAsync(
      String customerId, String orderId, ProvisioningWaitOptions wait, RequestOptions options) {
    return provisioning(customerId, orderId, wait).start(options);
  }

  /**
   * {@return the statuses of the last poll, none pending}, as {@link #waitForProvisioning(String,
   * String, ProvisioningWaitOptions, RequestOptions)}
   * with {@link ProvisioningWaitOptions#defaults()} (15 seconds doubling up to 2 minutes, for at
   * most 30 minutes) and default request options.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public OrderProvisioningStatusCollection waitForProvisioning(String customerId, String orderId) {
    return waitForProvisioning(
        customerId, orderId, ProvisioningWaitOptions.defaults(), RequestOptions.defaults());
  }

  /**
   * {@return a future of the statuses of the last poll, none pending}, as {@link
   * #waitForProvisioningAsync(String, String, ProvisioningWaitOptions,
   * RequestOptions)} with {@link ProvisioningWaitOptions#defaults()} and default request options.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public CompletableFuture<OrderProvisioningStatusCollection> waitForProvisioningAsync(
      String customerId, String orderId) {
    return waitForProvisioningAsync(
        customerId, orderId, ProvisioningWaitOptions.defaults(), RequestOptions.defaults());
  }

  /**
   * Whether a line item is still being provisioned; the same as {@link
   * OrderLineItemProvisioningStatus#isPending() status.isPending()}, which this calls.
   *
   * @param status a line item's status
   * @return true while it is pending
   */
  public static boolean isPending(OrderLineItemProvisioningStatus status) {
    return status.isPending();
  }

  /**
   * Whether any line item of an order is still being provisioned; the same as {@link
   * OrderProvisioningStatusCollection#anyPending() statuses.anyPending()}, which this calls.
   *
   * @param statuses the statuses of an order's line items
   * @return true if one is pending
   */
  public static boolean anyPending(OrderProvisioningStatusCollection statuses) {
    return statuses.anyPending();
  }

  /** The wait for one order's provisioning, its IDs and settings checked. */
  private Poller<OrderProvisioningStatusCollection> provisioning(
      String customerId, String orderId, ProvisioningWaitOptions wait) {
    pipeline.requireOpen();
    Arguments.requireGuid(customerId, "customerId");
    Arguments.requireId(orderId, "orderId");
    Arguments.requireWait(wait);
    return new Poller<>(
        pipeline,
        new Poller.Schedule(wait.initialInterval(), wait.maxInterval(), wait.timeout()),
        perPoll -> getOrderProvisioningStatusCall(customerId, orderId, perPoll),
        statuses -> !statuses.anyPending(),
        wait.pollListener().orElse(null),
        "waiting for the provisioning of order " + orderId,
        (last, correlationId) ->
            new ProvisioningTimeoutException(orderId, wait.timeout(), last, correlationId));
  }

  @Override
  OperationCall<Order> getOrderCall(
      String customerId, String orderId, OrderGetParams params, RequestOptions options) {
    Arguments.requireParams(params);
    return api.getOrder(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireId(orderId, "orderId"),
        params.includePrice() ? Boolean.TRUE : null,
        Arguments.requireOptions(options));
  }

  @Override
  OperationCall<OrderCollection> listOrdersCall(
      String customerId, OrderListParams params, RequestOptions options) {
    Arguments.requireParams(params);
    return api.listOrders(
        Arguments.requireGuid(customerId, "customerId"),
        params.billingType().map(type -> type.value()).orElse(null),
        params.includePrice() ? Boolean.TRUE : null,
        Arguments.requireOptions(options));
  }
}
