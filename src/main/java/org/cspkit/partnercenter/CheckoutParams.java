package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a checkout beyond the customer and cart IDs: today the customer user that the
 * purchased licenses are assigned to ({@code x-ms-customeruser-upn}, what the .NET SDK's {@code
 * Checkout(customerUserUpn)} sends).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, derive with {@link #newBuilder()};
 * {@link #none()} sets nothing.
 *
 * <pre>{@code
 * CheckoutParams params = CheckoutParams.builder().customerUserUpn("adele@contoso.com").build();
 * }</pre>
 */
public final class CheckoutParams {
  private static final CheckoutParams NONE = new Builder().build();

  private final String customerUserUpn;

  private CheckoutParams(Builder builder) {
    this.customerUserUpn = builder.customerUserUpn;
  }

  /**
   * No parameters: the licenses are not assigned to a user.
   *
   * @return the shared instance
   */
  public static CheckoutParams none() {
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
    Builder builder = new Builder();
    builder.customerUserUpn = customerUserUpn;
    return builder;
  }

  /**
   * The {@code x-ms-customeruser-upn} to send.
   *
   * @return the user principal name, or empty to send none
   */
  public Optional<String> customerUserUpn() {
    return Optional.ofNullable(customerUserUpn);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CheckoutParams that
        && Objects.equals(customerUserUpn, that.customerUserUpn);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(customerUserUpn);
  }

  @Override
  public String toString() {
    return "CheckoutParams{customerUserUpn=" + customerUserUpn + "}";
  }

  /** Builds {@link CheckoutParams}; each setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private String customerUserUpn;

    private Builder() {}

    /**
     * Assigns the purchased licenses to a customer user.
     *
     * @param customerUserUpn a user principal name such as {@code adele@contoso.com}, or null for
     *     none; surrounding spaces are removed
     * @return this builder
     * @throws IllegalArgumentException if it is blank, has no {@code @}, or has a character that
     *     cannot appear in an HTTP header
     */
    public Builder customerUserUpn(String customerUserUpn) {
      if (customerUserUpn == null) {
        this.customerUserUpn = null;
        return this;
      }
      String upn = customerUserUpn.trim();
      if (upn.isEmpty()
          || upn.indexOf('@') <= 0
          || !upn.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
        throw new IllegalArgumentException(
            "customerUserUpn must be a user principal name such as user@contoso.com, got '"
                + customerUserUpn + "'");
      }
      this.customerUserUpn = upn;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the parameters
     */
    public CheckoutParams build() {
      return new CheckoutParams(this);
    }
  }
}
