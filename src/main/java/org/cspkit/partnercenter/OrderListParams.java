package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.Optional;
import org.cspkit.partnercenter.model.BillingCycleType;

/**
 * The filters of {@link OrdersService#list(String, OrderListParams, RequestOptions)}: a billing
 * cycle ({@code billingType}, sent in its snake_case wire spelling such as {@code one_time}, as
 * the Java SDK does) and whether to include prices ({@code include_price}).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, derive with {@link #newBuilder()};
 * {@link #none()} sets nothing.
 *
 * <pre>{@code
 * OrderListParams params =
 *     OrderListParams.builder().billingType(BillingCycleType.ONE_TIME).includePrice(true).build();
 * }</pre>
 */
public final class OrderListParams {
  private static final OrderListParams NONE = new Builder().build();

  private final BillingCycleType billingType;
  private final boolean includePrice;

  private OrderListParams(Builder builder) {
    this.billingType = builder.billingType;
    this.includePrice = builder.includePrice;
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
   * A builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these parameters.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder().billingType(billingType).includePrice(includePrice);
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

  /** Builds {@link OrderListParams}. Not thread-safe. */
  public static final class Builder {
    private BillingCycleType billingType;
    private boolean includePrice;

    private Builder() {}

    /**
     * Lists only the orders of one billing cycle (Partner Center page "Get a list of orders by
     * customer and billing cycle type").
     *
     * @param billingType the billing cycle, such as {@link BillingCycleType#ONE_TIME}, or null for
     *     none
     * @return this builder
     */
    public Builder billingType(BillingCycleType billingType) {
      this.billingType = billingType;
      return this;
    }

    /**
     * Asks for prices: the line items' {@code pricing} and each order's {@code totalPrice}.
     *
     * @param includePrice true to send {@code include_price=true}; false (the default) sends none
     * @return this builder
     */
    public Builder includePrice(boolean includePrice) {
      this.includePrice = includePrice;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the parameters
     */
    public OrderListParams build() {
      return new OrderListParams(this);
    }
  }
}
