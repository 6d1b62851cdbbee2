package org.cspkit.checkout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cspkit.checkout.model.CartCheckoutResult;
import org.cspkit.checkout.model.Order;
import org.cspkit.checkout.model.OrderError;
import org.cspkit.checkout.model.OrderLineItem;

/** Prints a checkout result as plain-text tables: each order, its line items, the order errors. */
final class ResultTable {
  private static final String NONE = "-";

  private ResultTable() {}

  static void print(PrintWriter out, CartCheckoutResult result) {
    out.println(result.orders().size() + " order(s), " + result.orderErrors().size()
        + " order error(s)");
    for (Order order : result.orders()) {
      out.println();
      List<String[]> header = new ArrayList<>();
      header.add(new String[] {"ORDER ID", "STATUS", "BILLING CYCLE", "CURRENCY", "TOTAL"});
      header.add(new String[] {text(order.id()), text(order.status()), text(order.billingCycle()),
          text(order.currencyCode()), text(order.totalPrice())});
      printRows(out, "", header);
      List<String[]> items = new ArrayList<>();
      items.add(new String[] {"LINE", "OFFER", "NAME", "QUANTITY", "TERM", "SUBSCRIPTION ID"});
      for (OrderLineItem item : order.lineItems()) {
        items.add(new String[] {text(item.lineItemNumber()), text(item.offerId()),
            text(item.friendlyName()), text(item.quantity()), text(item.termDuration()),
            text(item.subscriptionId())});
      }
      printRows(out, "  ", items);
    }
    if (!result.orderErrors().isEmpty()) {
      out.println();
      out.println("Order errors:");
      List<String[]> errors = new ArrayList<>();
      errors.add(new String[] {"ORDER GROUP", "CODE", "DESCRIPTION"});
      for (OrderError error : result.orderErrors()) {
        errors.add(new String[] {text(error.orderGroupId()), text(error.code()),
            text(error.description())});
      }
      printRows(out, "  ", errors);
    }
  }

  private static String text(Object value) {
    String text = Objects.toString(value, "");
    return text.isBlank() ? NONE : text;
  }

  /** Left-aligned columns, each as wide as its widest cell, two spaces apart. */
  private static void printRows(PrintWriter out, String indent, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line);
    }
  }
}
