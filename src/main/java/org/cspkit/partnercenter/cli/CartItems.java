package org.cspkit.partnercenter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cspkit.partnercenter.PartnerCenterJson;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartLineItem;

/**
 * The line items of a cart from the command line: repeated {@code --item} options, or a JSON
 * file holding a {@code Cart} as Partner Center's "Create a cart" page shows it.
 *
 * <p>An {@code --item} is {@code CATALOG_ITEM_ID,billing=CYCLE[,key=value]...}: the billing cycle
 * is required ({@code monthly}, {@code annual}, {@code triennial}, {@code biennial}, {@code
 * one_time}, or {@code none} for trials), and the other keys are {@code quantity} (default 1),
 * {@code term} (ISO-8601, such as {@code P1Y}), {@code name} (friendly name), {@code promotion}
 * (promotion ID) and {@code context.KEY} (a provisioning context entry), such as {@code
 * CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5,term=P1Y}. A billing cycle this
 * client does not know is refused before anything is sent, in a {@code --file} cart too:
 * Partner Center refuses it.
 */
final class CartItems {
  static final String SYNTAX = "CATALOG_ITEM_ID,billing=CYCLE[,quantity=N][,term=P1Y]"
      + "[,name=TEXT][,promotion=ID][,context.KEY=VALUE]";

  private CartItems() {}

  /**
   * The cart of the options.
   *
   * @param items the {@code --item} values, or empty
   * @param file the {@code --file} path, {@code -} for standard input, or null
   * @param stdin standard input
   * @return the cart
   * @throws IllegalArgumentException if both or neither are given, or one is malformed
   */
  static Cart cart(List<String> items, String file, InputStream stdin) {
    boolean hasItems = items != null && !items.isEmpty();
    if (hasItems == (file != null)) {
      throw new IllegalArgumentException(
          "give the line items with --item (repeatable) or" + " --file, not both and not neither");
    }
    if (file != null) {
      Cart cart = read(file, stdin);
      requireKnownBillingCycles(cart.lineItems(), "--file " + file + ": lineItems");
      return cart;
    }
    List<CartLineItem> lines = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      CartLineItem line = parse(items.get(i), i);
      if (line.billingCycle() == null) {
        throw new IllegalArgumentException("an item needs its billing cycle, billing="
            + String.join("|", Completions.BillingCycles.NAMES) + ": " + SYNTAX + ", got '"
            + items.get(i) + "'");
      }
      lines.add(line);
    }
    return Cart.builder().lineItems(lines).build();
  }

  /** Refuses a billing cycle Partner Center would refuse: one this client does not know. */
  private static void requireKnownBillingCycles(List<CartLineItem> lines, String where) {
    for (int i = 0; i < lines.size(); i++) {
      BillingCycleType cycle = lines.get(i).billingCycle();
      if (cycle != null && !Completions.BillingCycles.NAMES.contains(cycle.value())) {
        throw new IllegalArgumentException(where + "[" + i + "].billingCycle must be one of "
            + String.join(", ", Completions.BillingCycles.NAMES) + ", got '" + cycle.value()
            + "'");
      }
      requireKnownBillingCycles(lines.get(i).addonItems(), where + "[" + i + "].addonItems");
    }
  }

  /** One {@code --item}, as line {@code index} of the cart. */
  static CartLineItem parse(String item, int index) {
    String[] parts = item.split(",", -1);
    if (parts[0].isBlank() || parts[0].contains("=")) {
      throw new IllegalArgumentException(
          "an item must start with the catalog item ID: " + SYNTAX + ", got '" + item + "'");
    }
    CartLineItem.Builder line =
        CartLineItem.builder().id(index).catalogItemId(parts[0].strip()).quantity(1);
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "'" + parts[i] + "' is not key=value in '" + item + "' (" + SYNTAX + ")");
      }
      String key = parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = parts[i].substring(eq + 1).strip();
      switch (key) {
        case "quantity" -> line.quantity(quantity(value, item));
        case "billing" -> line.billingCycle(billingCycle(value, item));
        case "term" -> line.termDuration(value);
        case "name" -> line.friendlyName(value);
        case "promotion" -> line.promotionId(value);
        default -> {
          if (!key.startsWith("context.") || key.length() == "context.".length()) {
            throw new IllegalArgumentException(
                "unknown key '" + key + "' in '" + item + "' (" + SYNTAX + ")");
          }
          context.put(parts[i].substring("context.".length(), eq).strip(), value);
        }
      }
    }
    return line.provisioningContext(context).build();
  }

  private static BillingCycleType billingCycle(String value, String item) {
    BillingCycleType cycle = BillingCycleType.fromString(value);
    if (!Completions.BillingCycles.NAMES.contains(cycle.value())) {
      throw new IllegalArgumentException("billing must be one of "
          + String.join(", ", Completions.BillingCycles.NAMES) + ", got '" + value + "' in '"
          + item + "'");
    }
    return cycle;
  }

  private static int quantity(String value, String item) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the quantity must be a whole number, got '" + value + "' in '" + item + "'");
    }
  }

  private static Cart read(String file, InputStream stdin) {
    try {
      byte[] bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
      return PartnerCenterJson.read(Cart.class, bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--file " + file + ": not a cart in JSON (" + e.getMessage() + ")");
    }
  }
}
