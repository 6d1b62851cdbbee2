package org.cspkit.partnercenter;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.util.concurrent.CompletableFuture;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.internal.Arguments;
import org.cspkit.partnercenter.internal.CallerContext;
import org.cspkit.partnercenter.internal.OperationCall;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.generated.OrdersApi;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * The order operations of {@link PartnerCenterClient#orders()}: read an order, list a customer's
 * orders, read an order's provisioning status and wait until it is provisioned. All are GETs,
 * safe to repeat: retryable failures (no response, 408, 429, 500, 502, 503, 504) are retried
 * within the retry deadline ({@link RetryOptions}); a 2xx other than 200 is not. Thread-safe;
 * arguments are checked before anything is sent ({@link IllegalArgumentException}, which names a
 * null one). Order IDs are opaque strings, not always GUIDs, but never with a lone surrogate.
 *
 * <p>Each operation also has a {@code …WithResponse} form, blocking and {@code …Async}, that
 * returns the result as a {@link PartnerCenterResponse}: with the status, the headers, the request
 * IDs, the {@code MS-CV} and every attempt. The plain form returns its {@code value()}.
 */
public final class OrdersService {
  private final Pipeline pipeline;
  private final OrdersApi api;

  OrdersService(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.api = pipeline.api(OrdersApi.class);
  }

  /**
   * Reads an order without prices: {@code GET /v1/customers/{customer-id}/orders/{order-id}}
   * (Partner Center page "Get an order by ID"). Read a just-created order this way: the order
   * list lags up to 15 minutes.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID, such as {@code YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1}
   * @return the order
   * @throws IllegalArgumentException if the customer ID is not a GUID or the order ID is blank or
   *     not one path segment; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #get(String, String, boolean,
   *     RequestOptions)}
   */
  public Order get(String customerId, String orderId) {
    return get(customerId, orderId, false, RequestOptions.defaults());
  }

  /**
   * Reads an order on the calling thread.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param includePrice true to send {@code include_price=true}, which adds the line items'
   *     {@code pricing} and the order's {@code totalPrice}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the order
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (20000, order ID not
   *     found)
   * @throws org.cspkit.partnercenter.exception.AuthenticationException on 401, or when the token
   *     source fails
   * @throws org.cspkit.partnercenter.exception.ForbiddenException on 403
   * @throws org.cspkit.partnercenter.exception.ThrottledException on 429 (orders allow 500
   *     requests a minute per tenant), after the retries
   * @throws org.cspkit.partnercenter.exception.ServerErrorException on 5xx, after the retries
   * @throws org.cspkit.partnercenter.exception.UndecodableResponseException on a 2xx other than
   *     200, or when the body is not the JSON the spec describes
   * @throws org.cspkit.partnercenter.exception.TransportException when no complete response
   *     arrives
   * @throws IllegalStateException if the client is closed
   */
  public Order get(
      String customerId, String orderId, boolean includePrice, RequestOptions options) {
    return getWithResponse(customerId, orderId, includePrice, options).value();
  }

  /**
   * Reads an order without blocking.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param includePrice true to send {@code include_price=true}
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the order, or with the exception {@link #get(String, String,
   *     boolean, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   */
  public CompletableFuture<Order> getAsync(
      String customerId, String orderId, boolean includePrice, RequestOptions options) {
    return getCall(customerId, orderId, includePrice, options).start();
  }

  /**
   * Reads an order as {@link #get(String, String, boolean, RequestOptions)} does, on the calling
   * thread, and returns it with its response: the status (200), the headers, the {@code
   * MS-RequestId} and {@code MS-CorrelationId} sent, the {@code MS-CV} and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param includePrice true to send {@code include_price=true}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the order and its response
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws PartnerCenterException as for {@link #get(String, String, boolean, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<Order> getWithResponse(
      String customerId, String orderId, boolean includePrice, RequestOptions options) {
    return getCall(customerId, orderId, includePrice, options).run();
  }

  /**
   * Reads an order without blocking, as {@link #getAsync(String, String, boolean,
   * RequestOptions)} does, and completes with the order and its response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param includePrice true to send {@code include_price=true}
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the order and its response, or with the exception {@link
   *     #get(String, String, boolean, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<Order>> getWithResponseAsync(
      String customerId, String orderId, boolean includePrice, RequestOptions options) {
    return getCall(customerId, orderId, includePrice, options).startWithResponse();
  }

  /**
   * Lists all of a customer's orders: {@code GET /v1/customers/{customer-id}/orders} (Partner
   * Center page "Get all of a customer's orders"). A new order can take up to 15 minutes to
   * appear.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @return the orders ({@code items()}) and their count
   * @throws IllegalArgumentException if the customer ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure, by status as for {@link #get(String, String,
   *     boolean, RequestOptions)}
   */
  public OrderCollection list(String customerId) {
    return list(customerId, OrderListParams.none(), RequestOptions.defaults());
  }

  /**
   * Lists a customer's orders on the calling thread, optionally of one billing cycle (Partner
   * Center page "Get a list of orders by customer and billing cycle type").
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   * @return the orders and their count
   * @throws IllegalArgumentException if the customer ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure, by status as for {@link #get(String, String,
   *     boolean, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public OrderCollection list(String customerId, OrderListParams params, RequestOptions options) {
    return listWithResponse(customerId, params, options).value();
  }

  /**
   * Lists a customer's orders without blocking.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the orders, or with the exception {@link #list(String,
   *     OrderListParams, RequestOptions)} would throw
   * @throws IllegalArgumentException if the customer ID is not a GUID (thrown at once)
   */
  public CompletableFuture<OrderCollection> listAsync(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).start();
  }

  /**
   * Lists a customer's orders as {@link #list(String, OrderListParams, RequestOptions)} does, on
   * the calling thread, and returns them with their response: the status (200), the headers, the
   * {@code MS-RequestId} and {@code MS-CorrelationId} sent, the {@code MS-CV} and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   * @return the orders and their response
   * @throws IllegalArgumentException if the customer ID is not a GUID; nothing is sent
   * @throws PartnerCenterException as for {@link #list(String, OrderListParams, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<OrderCollection> listWithResponse(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).run();
  }

  /**
   * Lists a customer's orders without blocking, as {@link #listAsync(String, OrderListParams,
   * RequestOptions)} does, and completes with the orders and their response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the orders and their response, or with the exception {@link
   *     #list(String, OrderListParams, RequestOptions)} would throw; cancelling it stops the call
   * @throws IllegalArgumentException if the customer ID is not a GUID (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<OrderCollection>> listWithResponseAsync(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).startWithResponse();
  }

  /**
   * Reads the provisioning status of each line item of an order: {@code GET
   * /v1/customers/{customer-id}/orders/{order-id}/provisioningstatus} (Partner Center page "Get
   * order provisioning status"). Accepts only app+user access tokens: with app-only credentials
   * Partner Center refuses it, and the 401 or 403 says so; follow the order with {@link
   * #get(String, String)} instead.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @return the status of each line item ({@code items()})
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #getProvisioningStatus(String,
   *     String, RequestOptions)}
   */
  public OrderProvisioningStatusCollection getProvisioningStatus(
      String customerId, String orderId) {
    return getProvisioningStatus(customerId, orderId, RequestOptions.defaults());
  }

  /**
   * Reads the provisioning status of an order on the calling thread.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the status of each line item
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws org.cspkit.partnercenter.exception.AuthenticationException on 401, and {@link
   *     org.cspkit.partnercenter.exception.ForbiddenException} on 403, whose message says that
   *     this operation needs an app+user token
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (800007, unable to
   *     retrieve provisioning information)
   * @throws PartnerCenterException on any other failure, by status as for {@link #get(String,
   *     String, boolean, RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public OrderProvisioningStatusCollection getProvisioningStatus(
      String customerId, String orderId, RequestOptions options) {
    return getProvisioningStatusWithResponse(customerId, orderId, options).value();
  }

  /**
   * Reads the provisioning status of an order without blocking.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the statuses, or with the exception {@link
   *     #getProvisioningStatus(String, String, RequestOptions)} would throw
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   */
  public CompletableFuture<OrderProvisioningStatusCollection> getProvisioningStatusAsync(
      String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).start();
  }

  /**
   * Reads the provisioning status of an order as {@link #getProvisioningStatus(String, String,
   * RequestOptions)} does, on the calling thread, and returns it with its response: the status
   * (200), the headers, the {@code MS-RequestId} and {@code MS-CorrelationId} sent, the {@code
   * MS-CV} and every attempt.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the status of each line item and their response
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws PartnerCenterException as for {@link #getProvisioningStatus(String, String,
   *     RequestOptions)}
   * @throws IllegalStateException if the client is closed
   */
  public PartnerCenterResponse<OrderProvisioningStatusCollection> getProvisioningStatusWithResponse(
      String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).run();
  }

  /**
   * Reads the provisioning status of an order without blocking, as {@link
   * #getProvisioningStatusAsync(String, String, RequestOptions)} does, and completes with the
   * statuses and their response.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the statuses and their response, or with the exception
   *     {@link #getProvisioningStatus(String, String, RequestOptions)} would throw; cancelling it
   *     stops the call
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<PartnerCenterResponse<OrderProvisioningStatusCollection>>
      getProvisioningStatusWithResponseAsync(
          String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).startWithResponse();
  }

  /**
   * Polls an order's provisioning status until no line item is pending ({@link
   * OrderLineItemProvisioningStatus#isPending()}) or the wait's timeout has passed, on the calling
   * thread, which sleeps between polls. Each poll is a {@link #getProvisioningStatus(String,
   * String, RequestOptions)} with its own retries and a new {@code MS-RequestId}; the correlation
   * ID and retry options of {@code options} apply to every poll.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param wait the intervals and timeout
   * @param options the correlation ID and retry options of each poll (a request ID in it is
   *     ignored: each poll gets a new one)
   * @return the last statuses read: check {@link OrderProvisioningStatusCollection#anyPending()}
   *     to tell a finished order from a timeout
   * @throws IllegalArgumentException if an ID is invalid; nothing is sent
   * @throws PartnerCenterException the failure of a poll, which ends the wait (such as the 401 or
   *     403 of an app-only token); a {@link TransportException} when the thread is interrupted
   *     between polls, with the interrupt flag kept
   * @throws IllegalStateException if the client is closed
   */
  public OrderProvisioningStatusCollection waitForProvisioning(
      String customerId, String orderId, ProvisioningWaitOptions wait, RequestOptions options) {
    pipeline.requireOpen();
    RequestOptions perPoll = perPoll(customerId, orderId, options);
    try {
      return Failsafe.with(Arguments.requireWait(wait).retryPolicy())
          .get(context -> wait.polled(getProvisioningStatus(
              customerId, orderId, wait.within(perPoll, context, pipeline.retryOptions(perPoll)))));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            "Interrupted while waiting for the provisioning of order " + orderId,
            ErrorDetails.noResponse(null, perPoll.correlationId().orElseThrow().toString()),
            e.getCause());
      }
      throw e;
    }
  }

  /**
   * Polls an order's provisioning status as {@link #waitForProvisioning(String, String,
   * ProvisioningWaitOptions, RequestOptions)} does, without blocking: polls run on the client's
   * threads and the waits between them are scheduled. Cancelling the future stops the polling and
   * the poll in flight.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param wait the intervals and timeout
   * @param options the correlation ID and retry options of each poll
   * @return a future completed with the last statuses read, or with the failure of a poll; with
   *     a {@link TransportException} as soon as the client is closed
   * @throws IllegalArgumentException if an ID is invalid (thrown at once)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<OrderProvisioningStatusCollection> waitForProvisioningAsync(
      String customerId, String orderId, ProvisioningWaitOptions wait, RequestOptions options) {
    pipeline.requireOpen();
    RequestOptions perPoll = perPoll(customerId, orderId, options);
    CompletableFuture<OrderProvisioningStatusCollection> polling = Failsafe.with(
            Arguments.requireWait(wait).retryPolicy())
        // Each poll starts on the scheduler's thread: with the caller's context and MDC.
        .with(CallerContext.current().scheduler(pipeline.scheduler()))
        .getStageAsync(context -> getProvisioningStatusAsync(
                customerId, orderId, wait.within(perPoll, context, pipeline.retryOptions(perPoll)))
            .thenApply(wait::polled));
    pipeline.endOnClose(
        polling,
        () -> polling.completeExceptionally(Pipeline.closedWhile(
            "while waiting for the provisioning of order " + orderId,
            null,
            null,
            perPoll.correlationId().orElseThrow().toString())));
    return polling;
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

  /** Checks the IDs now, and keeps one correlation ID across the polls. */
  private static RequestOptions perPoll(String customerId, String orderId, RequestOptions options) {
    Arguments.requireGuid(customerId, "customerId");
    Arguments.requireId(orderId, "orderId");
    return Arguments.requireOptions(options)
        .newBuilder()
        .requestId(null)
        .correlationId(options.correlationId().orElseGet(java.util.UUID::randomUUID))
        .build();
  }

  private OperationCall<Order> getCall(
      String customerId, String orderId, boolean includePrice, RequestOptions options) {
    return api.getOrder(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireId(orderId, "orderId"),
        includePrice ? Boolean.TRUE : null,
        Arguments.requireOptions(options));
  }

  private OperationCall<OrderCollection> listCall(
      String customerId, OrderListParams params, RequestOptions options) {
    Arguments.requireParams(params);
    return api.listOrders(
        Arguments.requireGuid(customerId, "customerId"),
        params.billingType().map(type -> type.value()).orElse(null),
        params.includePrice() ? Boolean.TRUE : null,
        Arguments.requireOptions(options));
  }

  private OperationCall<OrderProvisioningStatusCollection> statusCall(
      String customerId, String orderId, RequestOptions options) {
    return api.getOrderProvisioningStatus(
        Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireId(orderId, "orderId"),
        Arguments.requireOptions(options));
  }
}
