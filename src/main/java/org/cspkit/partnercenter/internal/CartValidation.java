package org.cspkit.partnercenter.internal;

import com.squareup.moshi.JsonAdapter;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartLineItem;

/**
 * The checks a cart passes before it is sent to create or replace a cart (Partner Center pages
 * "Create a cart" and "Update a cart"): at least one line item; add-on items one level deep, as
 * Partner Center models them (an add-on item has none of its own); on each line item and add-on
 * item a catalog item ID, a quantity of at least 1, a billing cycle other than {@code unknown},
 * and a well-formed ISO-8601 term duration when one is given; and every text of the body, keys
 * included, well-formed UTF-16, which JSON carries as given (a lone surrogate would be sent as
 * {@code ?}). A replacement cart names no other cart than the one it replaces. Everything else is
 * the service's to judge. Each failure is an {@link IllegalArgumentException} naming the field by
 * its path, such as {@code cart.lineItems[1].quantity}. No check recurses deeper than the two
 * levels of line and add-on items, whatever the cart's depth.
 */
public final class CartValidation {
  /** The cart as the request body carries it, for the check of its texts. */
  private static final JsonAdapter<Cart> JSON = JsonSupport.newMoshi().adapter(Cart.class);

  private CartValidation() {}

  /**
   * Checks a cart that replaces the cart {@code cartId}.
   *
   * @param cart the cart
   * @param cartId the ID of the cart it replaces, a GUID in its 36-character form (checked by the
   *     caller)
   * @return the cart
   * @throws IllegalArgumentException if the cart is null, fails a check of {@link
   *     #requireValid(Cart)}, or has an ID that is not {@code cartId} (in any case)
   */
  public static Cart requireValid(Cart cart, String cartId) {
    requireValid(cart);
    if (cart.id() != null && !cart.id().equalsIgnoreCase(cartId)) {
      throw new IllegalArgumentException("cart.id is '" + cart.id() + "' but cartId is '" + cartId
          + "': a cart replaces only itself (leave cart.id unset, or use the cart's own ID)");
    }
    return cart;
  }

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
    checkDepth(cart.lineItems());
    checkLines(cart.lineItems(), "cart.lineItems");
    checkTexts(cart);
    return cart;
  }

  /** Add-on items one level deep: checked without recursion, however deep the cart is. */
  private static void checkDepth(List<CartLineItem> lines) {
    for (int i = 0; i < lines.size(); i++) {
      List<CartLineItem> addOns = lines.get(i).addonItems();
      for (int j = 0; j < addOns.size(); j++) {
        if (!addOns.get(j).addonItems().isEmpty()) {
          throw new IllegalArgumentException("cart.lineItems[" + i + "].addonItems[" + j
              + "].addonItems must be empty: Partner Center models add-on items one level deep,"
              + " an add-on item has none of its own");
        }
      }
    }
  }

  /** A value of the body's JSON and its path. */
  private record Node(String path, Object value) {}

  /**
   * Every string of the cart's JSON, property names and map keys included, is well-formed UTF-16.
   * Walked with a stack, in document order; the depth is already bounded.
   */
  private static void checkTexts(Cart cart) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(new Node("cart", JSON.toJsonValue(cart)));
    while (!work.isEmpty()) {
      Node node = work.pop();
      if (node.value() instanceof String text) {
        Arguments.requireWellFormed(text, node.path());
      } else if (node.value() instanceof Map<?, ?> map) {
        List<Node> children = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key =
              Arguments.requireWellFormed((String) entry.getKey(), "a key of " + node.path());
          children.add(new Node(node.path() + "." + key, entry.getValue()));
        }
        for (int i = children.size() - 1; i >= 0; i--) {
          work.push(children.get(i));
        }
      } else if (node.value() instanceof List<?> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
          work.push(new Node(node.path() + "[" + i + "]", list.get(i)));
        }
      }
    }
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
