package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a checkout beyond the customer and cart IDs: today the customer user that the
 * purchased licenses are assigned to ({@code x-ms-customeruser-upn}, what the .NET SDK's {@code
 * Checkout(customerUserUpn)} sends). Immutable and thread-safe.
 */
public final class CheckoutParams {
  private static final CheckoutParams NONE = new CheckoutParams(null);

  private final String customerUserUpn;

  private CheckoutParams(String customerUserUpn) {
    this.customerUserUpn = customerUserUpn;
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
   * Assigns the purchased licenses to a customer user.
   *
   * @param customerUserUpn a user principal name such as {@code adele@contoso.com}, or null for
   *     none; surrounding spaces are removed
   * @return the parameters
   * @throws IllegalArgumentException if it is blank, has no {@code @}, or has a character that
   *     cannot appear in an HTTP header
   */
  public static CheckoutParams customerUserUpn(String customerUserUpn) {
    if (customerUserUpn == null) {
      return NONE;
    }
    String upn = customerUserUpn.trim();
    if (upn.isEmpty() || upn.indexOf('@') <= 0 || !upn.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException(
          "customerUserUpn must be a user principal name such as user@contoso.com, got '"
              + customerUserUpn + "'");
    }
    return new CheckoutParams(upn);
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
}
