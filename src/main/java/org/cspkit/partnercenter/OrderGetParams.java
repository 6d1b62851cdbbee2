package org.cspkit.partnercenter;

/**
 * The parameters of {@link OrdersService#get(String, String, OrderGetParams, RequestOptions)}
 * beyond the customer and order IDs: whether to include prices ({@code include_price}).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, derive with {@link #newBuilder()};
 * {@link #none()} sets nothing.
 *
 * <pre>{@code
 * OrderGetParams params = OrderGetParams.builder().includePrice(true).build();
 * }</pre>
 */
public final class OrderGetParams {
  private static final OrderGetParams NONE = new Builder().build();

  private final boolean includePrice;

  private OrderGetParams(Builder builder) {
    this.includePrice = builder.includePrice;
  }

  /**
   * No parameters: the order without prices.
   *
   * @return the shared instance
   */
  public static OrderGetParams none() {
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
    return new Builder().includePrice(includePrice);
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
    return other instanceof OrderGetParams that && includePrice == that.includePrice;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(includePrice);
  }

  @Override
  public String toString() {
    return "OrderGetParams{includePrice=" + includePrice + "}";
  }

  /** Builds {@link OrderGetParams}. Not thread-safe. */
  public static final class Builder {
    private boolean includePrice;

    private Builder() {}

    /**
     * Asks for prices: the line items' {@code pricing} and the order's {@code totalPrice}.
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
    public OrderGetParams build() {
      return new OrderGetParams(this);
    }
  }
}
