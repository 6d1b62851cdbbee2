package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * What {@code purchase -o json} prints when it ends: one object with the purchase's ID and
 * journal, the customer and cart IDs, whether the cart had been checked out earlier, the cart, the
 * checkout, the orders and their provisioning statuses (by order ID) as read in this run, and the
 * notes.
 */
final class PurchaseJson {
  private PurchaseJson() {}

  /**
   * Prints the purchase.
   *
   * @param out standard output
   * @param journal the purchase's journal: its IDs and checkout
   * @param cart the cart as read in this run, or null
   * @param orders the orders as read in this run
   * @param statuses the provisioning statuses read, by order ID
   * @param notes the notes printed
   */
  static void print(
      PrintWriter out,
      PurchaseJournal journal,
      Cart cart,
      List<Order> orders,
      Map<String, OrderProvisioningStatusCollection> statuses,
      List<String> notes) {
    PurchaseJournal.State state = journal.state();
    JsonOutput.print(out, true, (json, moshi) -> {
      json.beginObject();
      json.name("purchaseId").value(state.purchaseId);
      json.name("journal").value(journal.file().toString());
      json.name("customerId").value(state.customerId);
      json.name("cartId").value(state.cartId);
      json.name("checkedOutEarlier")
          .value(state.step == PurchaseJournal.Step.CHECKED_OUT && state.checkout == null);
      json.name("cart");
      moshi.adapter(Cart.class).toJson(json, cart);
      json.name("checkout");
      moshi.adapter(CartCheckoutResult.class).toJson(json, state.checkout);
      json.name("orders").beginArray();
      for (Order order : orders) {
        moshi.adapter(Order.class).toJson(json, order);
      }
      json.endArray();
      json.name("provisioningStatus").beginObject();
      for (Map.Entry<String, OrderProvisioningStatusCollection> entry : statuses.entrySet()) {
        json.name(entry.getKey());
        moshi.adapter(OrderProvisioningStatusCollection.class).toJson(json, entry.getValue());
      }
      json.endObject();
      json.name("notes").beginArray();
      for (String note : notes) {
        json.value(note);
      }
      json.endArray();
      json.endObject();
    });
  }
}
