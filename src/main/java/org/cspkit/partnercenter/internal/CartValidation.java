package org.cspkit.partnercenter.internal;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartLineItem;

/**
 * The checks a cart passes before it is sent to create or replace a cart (Partner Center pages
 * "Create a cart" and "Update a cart"): at least one line item, and on each line item and add-on
 * item a catalog item ID, a quantity of at least 1, a billing cycle other than {@code unknown},
 * and a well-formed ISO-8601 term duration when one is given. Everything else is the service's to
 * judge. Each failure is an {@link IllegalArgumentException} naming the field by its path, such as
 * {@code cart.lineItems[1].quantity}.
 */
public final class CartValidation {
  private CartValidation() {}

  /**
   * Checks a cart.
   *
   * @param cart the cart
   * @return the cart
   * @throws IllegalArgumentException if the cart is null or fails a check
   */
  public static Cart requireValid(Cart cart) {
    if (cart == null) {
      throw new IllegalArgumentException("cart must not be null");
    }
    if (cart.lineItems().isEmpty()) {
      throw new IllegalArgumentException("cart.lineItems must hold at least one line item");
    }
    checkLines(cart.lineItems(), "cart.lineItems");
    return cart;
  }

  private static void checkLines(List<CartLineItem> lines, String path) {
    for (int i = 0; i < lines.size(); i++) {
      CartLineItem line = lines.get(i);
      String at = path + "[" + i + "]";
      if (line.catalogItemId() == null || line.catalogItemId().isBlank()) {
        throw new IllegalArgumentException(at + ".catalogItemId is required: the availability's"
            + " catalog item ID, such as CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5");
      }
      if (line.quantity() == null || line.quantity() < 1) {
        throw new IllegalArgumentException(
            at + ".quantity must be at least 1, got " + line.quantity());
      }
      if (line.billingCycle() == null || line.billingCycle().equals(BillingCycleType.UNKNOWN)) {
        throw new IllegalArgumentException(at + ".billingCycle is required (monthly, annual,"
            + " triennial, one_time, or none for trials), got " + line.billingCycle());
      }
      if (line.termDuration() != null && !isIsoDuration(line.termDuration())) {
        throw new IllegalArgumentException(at + ".termDuration must be an ISO-8601 duration such"
            + " as P1M, P1Y or P3Y, got '" + line.termDuration() + "'");
      }
      checkLines(line.addonItems(), at + ".addonItems");
    }
  }

  private static boolean isIsoDuration(String text) {
    try {
      Period.parse(text);
      return true;
    } catch (DateTimeParseException notAPeriod) {
      try {
        Duration.parse(text);
        return true;
      } catch (DateTimeParseException notADuration) {
        return false;
      }
    }
  }
}
