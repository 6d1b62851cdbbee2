package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartError;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.model.OrderError;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * Prints the models as plain-text tables: a checkout result (each order, its line items, the order
 * errors), a cart, an order, a customer's orders and their provisioning statuses.
 * Control characters from the server are neutralised ({@link TerminalText}), and the tables fit a
 * width, cutting long cells with an ellipsis.
 */
final class ResultTable {
  private static final String NONE = "-";
  private static final String ELLIPSIS = "\u2026";
  private static final int GAP = 2;
  private static final int MIN_COLUMN = 4;

  private ResultTable() {}

  static void print(PrintWriter out, CartCheckoutResult result) {
    print(out, result, 0);
  }

  /**
   * Prints the result.
   *
   * @param out where to print
   * @param result the result
   * @param width the most characters a line has, or 0 for no limit
   */
  static void print(PrintWriter out, CartCheckoutResult result, int width) {
    out.println(
        result.orders().size() + " order(s), " + result.orderErrors().size() + " order error(s)");
    for (Order order : result.orders()) {
      out.println();
      print(out, order, width);
    }
    if (!result.orderErrors().isEmpty()) {
      out.println();
      out.println("Order errors:");
      List<String[]> errors = new ArrayList<>();
      errors.add(new String[] {"ORDER GROUP", "CODE", "DESCRIPTION"});
      for (OrderError error : result.orderErrors()) {
        errors.add(
            new String[] {text(error.orderGroupId()), text(error.code()), text(error.description())
            });
      }
      printRows(out, "  ", errors, width);
    }
  }

  /** Prints one order: its header row, then its line items. */
  static void print(PrintWriter out, Order order, int width) {
    {
      List<String[]> header = new ArrayList<>();
      header.add(new String[] {"ORDER ID", "STATUS", "BILLING CYCLE", "CURRENCY", "TOTAL"});
      header.add(new String[] {
        text(order.id()),
        text(order.status()),
        text(order.billingCycle()),
        text(order.currencyCode()),
        text(order.totalPrice())
      });
      printRows(out, "", header, width);
      List<String[]> items = new ArrayList<>();
      items.add(new String[] {"LINE", "OFFER", "NAME", "QUANTITY", "TERM", "SUBSCRIPTION ID"});
      for (OrderLineItem item : order.lineItems()) {
        items.add(new String[] {
          text(item.lineItemNumber()),
          text(item.offerId()),
          text(item.friendlyName()),
          text(item.quantity()),
          text(item.termDuration()),
          text(item.subscriptionId())
        });
      }
      printRows(out, "  ", items, width);
    }
  }

  /** Prints a customer's orders, one after the other. */
  static void print(PrintWriter out, OrderCollection orders, int width) {
    out.println(orders.items().size() + " order(s)");
    for (Order order : orders.items()) {
      out.println();
      print(out, order, width);
    }
  }

  /**
   * Prints a cart: its ID, status and expiry, then its line items with their order groups and
   * errors (add-on items indented under their base line).
   */
  static void print(PrintWriter out, Cart cart, int width) {
    List<String[]> header = new ArrayList<>();
    header.add(new String[] {"CART ID", "STATUS", "EXPIRES"});
    header.add(
        new String[] {text(cart.id()), text(cart.status()), text(cart.expirationTimestamp())});
    printRows(out, "", header, width);
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {
      "LINE", "CATALOG ITEM ID", "QUANTITY", "BILLING", "TERM", "ORDER GROUP", "ERROR"
    });
    addLines(lines, cart.lineItems(), "");
    printRows(out, "  ", lines, width);
  }

  private static void addLines(List<String[]> rows, List<CartLineItem> items, String indent) {
    for (CartLineItem item : items) {
      CartError error = item.error();
      rows.add(new String[] {
        indent + text(item.id()),
        text(item.catalogItemId()),
        text(item.quantity()),
        text(item.billingCycle()),
        text(item.termDuration()),
        text(item.orderGroup()),
        error == null
            ? NONE
            : text(error.errorCode() + " " + Objects.toString(error.errorDescription(), ""))
      });
      addLines(rows, item.addonItems(), indent + "+");
    }
  }

  /** Prints the provisioning status of each line item of an order. */
  static void print(PrintWriter out, OrderProvisioningStatusCollection statuses, int width) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LINE", "STATUS", "QUANTITIES"});
    for (OrderLineItemProvisioningStatus line : statuses.items()) {
      rows.add(new String[] {
        text(line.lineItemNumber()),
        text(line.status()),
        text(line.quantityProvisioningInformation().stream()
            .map(quantity -> quantity.quantity() + " " + quantity.status())
            .collect(java.util.stream.Collectors.joining(", ")))
      });
    }
    printRows(out, "  ", rows, width);
  }

  /**
   * Prints any collection model: one row per entry of its {@code items()}, one column per
   * component of the entry's record (a nested link as its {@code uri}, a list joined with commas);
   * for the operations with no table of their own.
   */
  static void printItems(PrintWriter out, Record collection, int width) {
    List<?> items = (List<?>) component(collection, "items");
    if (items == null || items.isEmpty()) {
      out.println("  (none)");
      return;
    }
    RecordComponent[] columns = items.get(0).getClass().getRecordComponents();
    List<String[]> rows = new ArrayList<>();
    rows.add(Arrays.stream(columns)
        .map(column -> column.getName().toUpperCase(java.util.Locale.ROOT))
        .toArray(String[]::new));
    for (Object item : items) {
      rows.add(Arrays.stream(columns)
          .map(column -> cell(component(item, column.getName())))
          .toArray(String[]::new));
    }
    printRows(out, "  ", rows, width);
  }

  private static String cell(Object value) {
    if (value instanceof Record nested && component(nested, "uri") != null) {
      return text(component(nested, "uri"));
    }
    return value instanceof List<?> list
        ? text(
            list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
        : text(value);
  }

  /** The value of a record's component, or null when it has none of that name. */
  private static Object component(Object record, String name) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals(name)) {
        try {
          return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  private static String text(Object value) {
    String text = Objects.toString(value, "");
    return text.isBlank() ? NONE : TerminalText.safe(text);
  }

  /**
   * Left-aligned columns, each as wide as its widest cell, two spaces apart; when that is wider
   * than {@code width}, the widest columns are narrowed (down to 4 characters) and their long
   * cells end with an ellipsis.
   */
  private static void printRows(PrintWriter out, String indent, List<String[]> rows, int width) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    if (width > 0) {
      int total = indent.length() + GAP * (widths.length - 1);
      for (int w : widths) {
        total += w;
      }
      while (total > width) {
        int widest = 0;
        for (int i = 1; i < widths.length; i++) {
          if (widths[i] > widths[widest]) {
            widest = i;
          }
        }
        if (widths[widest] <= MIN_COLUMN) {
          break;
        }
        widths[widest]--;
        total--;
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.length; i++) {
        String cell =
            row[i].length() > widths[i] ? row[i].substring(0, widths[i] - 1) + ELLIPSIS : row[i];
        line.append(cell);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + GAP));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
