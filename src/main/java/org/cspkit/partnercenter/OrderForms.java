package org.cspkit.partnercenter;

import java.util.concurrent.CompletableFuture;
import org.cspkit.partnercenter.internal.OperationCall;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * The forms of each order operation ({@linkplain org.cspkit.partnercenter package documentation}),
 * each one line over the operation's one call: {@link OrdersService} binds each operation to its
 * call and carries its contract on its blocking full form; this class derives the other forms, the
 * same way for every operation. Not API on its own: its methods are {@link OrdersService}'s.
 */
abstract class OrderForms {
  OrderForms() {}

  abstract OperationCall<Order> getCall(
      String customerId, String orderId, OrderGetParams params, RequestOptions options);

  abstract OperationCall<OrderCollection> listCall(
      String customerId, OrderListParams params, RequestOptions options);

  abstract OperationCall<OrderProvisioningStatusCollection> statusCall(
      String customerId, String orderId, RequestOptions options);

  /**
   * {@return the order, without prices}, as {@link OrdersService#get(String, String,
   * OrderGetParams, RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public Order get(String customerId, String orderId) {
    return getCall(customerId, orderId, OrderGetParams.none(), RequestOptions.defaults())
        .run()
        .value();
  }

  /**
   * {@return a future of the order, without prices}, as {@link OrdersService#get(String, String,
   * OrderGetParams, RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public CompletableFuture<Order> getAsync(String customerId, String orderId) {
    return getCall(customerId, orderId, OrderGetParams.none(), RequestOptions.defaults())
        .start();
  }

  /**
   * {@return a future of the order {@link OrdersService#get(String, String, OrderGetParams,
   * RequestOptions)} reads}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param params whether to include prices, or {@link OrderGetParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<Order> getAsync(
      String customerId, String orderId, OrderGetParams params, RequestOptions options) {
    return getCall(customerId, orderId, params, options).start();
  }

  /**
   * {@return the order and its response}, as {@link OrdersService#get(String, String,
   * OrderGetParams, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param params whether to include prices, or {@link OrderGetParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<Order> getWithResponse(
      String customerId, String orderId, OrderGetParams params, RequestOptions options) {
    return getCall(customerId, orderId, params, options).run();
  }

  /**
   * {@return a future of the order and its response}, as {@link OrdersService#get(String, String,
   * OrderGetParams, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param params whether to include prices, or {@link OrderGetParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<Order>> getWithResponseAsync(
      String customerId, String orderId, OrderGetParams params, RequestOptions options) {
    return getCall(customerId, orderId, params, options).startWithResponse();
  }

  /**
   * {@return every order of the customer}, as {@link OrdersService#list(String, OrderListParams,
   * RequestOptions)} with no filter, no prices and defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   */
  public OrderCollection list(String customerId) {
    return listCall(customerId, OrderListParams.none(), RequestOptions.defaults())
        .run()
        .value();
  }

  /**
   * {@return a future of every order of the customer}, as {@link OrdersService#list(String,
   * OrderListParams, RequestOptions)} with no filter, no prices and defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   */
  public CompletableFuture<OrderCollection> listAsync(String customerId) {
    return listCall(customerId, OrderListParams.none(), RequestOptions.defaults())
        .start();
  }

  /**
   * {@return a future of the orders {@link OrdersService#list(String, OrderListParams,
   * RequestOptions)} lists}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<OrderCollection> listAsync(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).start();
  }

  /**
   * {@return the orders and their response}, as {@link OrdersService#list(String,
   * OrderListParams, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<OrderCollection> listWithResponse(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).run();
  }

  /**
   * {@return a future of the orders and their response}, as {@link OrdersService#list(String,
   * OrderListParams, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param params the billing-cycle filter and whether to include prices
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<OrderCollection>> listWithResponseAsync(
      String customerId, OrderListParams params, RequestOptions options) {
    return listCall(customerId, params, options).startWithResponse();
  }

  /**
   * {@return the statuses}, as {@link OrdersService#getProvisioningStatus(String, String,
   * RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public OrderProvisioningStatusCollection getProvisioningStatus(
      String customerId, String orderId) {
    return statusCall(customerId, orderId, RequestOptions.defaults()).run().value();
  }

  /**
   * {@return a future of the statuses}, as {@link OrdersService#getProvisioningStatus(String,
   * String, RequestOptions)} with defaults.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   */
  public CompletableFuture<OrderProvisioningStatusCollection> getProvisioningStatusAsync(
      String customerId, String orderId) {
    return statusCall(customerId, orderId, RequestOptions.defaults()).start();
  }

  /**
   * {@return a future of the statuses}, as {@link OrdersService#getProvisioningStatus(String,
   * String, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<OrderProvisioningStatusCollection> getProvisioningStatusAsync(
      String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).start();
  }

  /**
   * {@return the statuses and their response}, as {@link
   * OrdersService#getProvisioningStatus(String, String, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public PartnerCenterResponse<OrderProvisioningStatusCollection> getProvisioningStatusWithResponse(
      String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).run();
  }

  /**
   * {@return a future of the statuses and their response}, as {@link
   * OrdersService#getProvisioningStatus(String, String, RequestOptions)}
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param orderId the order ID
   * @param options the request ID, correlation ID and retry options of this call
   */
  public CompletableFuture<PartnerCenterResponse<OrderProvisioningStatusCollection>>
      getProvisioningStatusWithResponseAsync(
          String customerId, String orderId, RequestOptions options) {
    return statusCall(customerId, orderId, options).startWithResponse();
  }
}
