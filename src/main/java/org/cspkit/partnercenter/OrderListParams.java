package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.Optional;
import org.cspkit.partnercenter.model.BillingCycleType;

/**
 * The filters of {@link OrdersService#list(String, OrderListParams, RequestOptions)}: a billing
 * cycle ({@code billingType}, sent in its snake_case wire spelling such as {@code one_time}, as
 * the Java SDK does) and whether to include prices ({@code include_price}). Immutable and
 * thread-safe.
 */
public final class OrderListParams {
  private static final OrderListParams NONE = new OrderListParams(null, false);

  private final BillingCycleType billingType;
  private final boolean includePrice;

  private OrderListParams(BillingCycleType billingType, boolean includePrice) {
    this.billingType = billingType;
    this.includePrice = includePrice;
  }

  /**
   * No filter, no prices: every order of the customer.
   *
   * @return the shared instance
   */
  public static OrderListParams none() {
    return NONE;
  }

  /**
   * These parameters with a billing-cycle filter.
   *
   * @param billingType the billing cycle, such as {@link BillingCycleType#ONE_TIME}, or null for
   *     none
   * @return new parameters
   */
  public OrderListParams withBillingType(BillingCycleType billingType) {
    return new OrderListParams(billingType, includePrice);
  }

  /**
   * These parameters with or without prices.
   *
   * @param includePrice true to send {@code include_price=true}
   * @return new parameters
   */
  public OrderListParams withIncludePrice(boolean includePrice) {
    return new OrderListParams(billingType, includePrice);
  }

  /**
   * The billing-cycle filter.
   *
   * @return the billing cycle, or empty for none
   */
  public Optional<BillingCycleType> billingType() {
    return Optional.ofNullable(billingType);
  }

  /**
   * Whether prices are asked for.
   *
   * @return true to send {@code include_price=true}
   */
  public boolean includePrice() {
    return includePrice;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrderListParams that
        && includePrice == that.includePrice
        && Objects.equals(billingType, that.billingType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(billingType, includePrice);
  }

  @Override
  public String toString() {
    return "OrderListParams{billingType=" + billingType + ", includePrice=" + includePrice + "}";
  }
}
