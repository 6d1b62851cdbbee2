package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okio.Buffer;
import org.cspkit.partnercenter.CartsService;
import org.cspkit.partnercenter.OrdersService;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.ProvisioningWaitOptions;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partner-center purchase}: the whole flow, printing each step. Creates the cart, stops if
 * a line item has an error, checks it out, reads each order, and reads (or waits for) its
 * provisioning status. Once the checkout has succeeded the orders exist: a failure to read them
 * or their status is a note, never a failure of the purchase.
 */
@Command(
    name = "purchase",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    requiredOptionMarker = '*',
    description = {
      "Buys for a customer: creates the cart, checks it out, reads the orders and"
          + " their provisioning status, printing each step.",
      "Replaces New-PartnerCustomerCart, Submit-PartnerCustomerCart, Get-PartnerCustomerOrder"
          + " and Get-PartnerCustomerOrderProvisioningStatus run one after the other.",
      "Provisioning status needs app+user credentials; with app-only ones it is a note.",
      "Exit codes as for checkout; 3 also when the cart was created with line-item errors"
          + " (nothing was bought) or, with --wait, a line item was still pending."
    })
final class PurchaseCommand extends ClientCommand implements Callable<Integer> {
  @Option(
      names = "--customer-id",
      required = true,
      paramLabel = "GUID",
      description = "The customer's tenant ID (Microsoft ID).")
  String customerId;

  @CommandLine.ArgGroup(exclusive = false)
  CartCommand.Items items = new CartCommand.Items();

  @CommandLine.Mixin
  OrderCommand.Waiting waiting = new OrderCommand.Waiting();

  @Option(
      names = "--what-if",
      description = "Print the cart request that would be sent (token masked) and send nothing.")
  boolean whatIf;

  private String cartId;

  @Override
  String outcomeUnknownAdvice() {
    return cartId == null
        ? "the cart may have been created: nothing was bought; run the purchase again"
        : "the checkout of cart " + cartId + " may have succeeded: look the customer's orders up"
            + " before buying again";
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    requireGuid("--customer-id", customerId);
    Cart request = CartCommand.cart(this, items);
    ProvisioningWaitOptions wait = waiting.options(this);
    boolean waitForIt = waiting.enabled;
    RequestOptions options = requestOptions(err);
    boolean table = output == Output.table;
    try (PartnerCenterClient client = client(whatIf, out, err)) {
      if (whatIf) {
        printWhatIf(
            out,
            "creating the cart",
            client.carts().previewCreate(customerId, request, options),
            false);
        out.println("Then the purchase would check the cart out, read its orders and their"
            + " provisioning status.");
        out.flush();
        return ExitCodes.SUCCESS;
      }
      step(out, table, "1/4 Creating the cart for customer " + customerId);
      Cart cart = await(client.carts().createAsync(customerId, request, options), out, err);
      cartId = cart.id();
      if (table) {
        ResultTable.print(out, cart, tableWidth());
      }
      if (!CartsService.lineItemsWithErrors(cart).isEmpty()) {
        if (!table) {
          printAll(out, cart, null, List.of(), Map.of());
        }
        err.println("stopped: cart " + cart.id() + " has line items with errors, so checking it"
            + " out would fail (800009); nothing was bought. Fix them with 'cart update', then"
            + " 'checkout --cart-id " + cart.id() + "'");
        err.flush();
        return ExitCodes.PARTIAL_SUCCESS;
      }

      step(out, table, "2/4 Checking out cart " + cart.id());
      CartCheckoutResult result;
      try {
        result = await(
            client
                .carts()
                .checkoutAsync(
                    customerId,
                    cart.id(),
                    org.cspkit.partnercenter.CheckoutParams.none(),
                    nextCall(options)),
            out,
            err);
      } catch (Exit e) {
        if (e.code != ExitCodes.OUTCOME_UNKNOWN && e.code != ExitCodes.INTERRUPTED) {
          err.println("cart " + cart.id() + " was created and not checked out; check it out with"
              + " 'checkout --customer-id " + customerId + " --cart-id " + cart.id() + "'");
          err.flush();
        }
        throw e;
      }
      if (table) {
        ResultTable.print(out, result, tableWidth());
      }

      step(out, table, "3/4 Reading the " + result.orders().size() + " order(s)");
      List<Order> orders = new java.util.ArrayList<>();
      for (Order created : result.orders()) {
        Order order = awaitOrNote(
            client.orders().getAsync(customerId, created.id(), false, nextCall(options)),
            out,
            err,
            "reading order " + created.id());
        orders.add(order != null ? order : created);
        if (table && order != null) {
          out.println();
          ResultTable.print(out, order, tableWidth());
        }
      }

      step(
          out,
          table,
          "4/4 " + (waitForIt ? "Waiting for" : "Reading") + " the provisioning" + " status");
      Map<String, OrderProvisioningStatusCollection> statuses = new LinkedHashMap<>();
      boolean pending = false;
      for (Order order : orders) {
        OrderProvisioningStatusCollection status = awaitOrNote(
            waitForIt
                ? client
                    .orders()
                    .waitForProvisioningAsync(customerId, order.id(), wait, nextCall(options))
                : client
                    .orders()
                    .getProvisioningStatusAsync(customerId, order.id(), nextCall(options)),
            out,
            err,
            "reading the provisioning status of order " + order.id());
        if (status != null) {
          statuses.put(order.id(), status);
          pending |= OrdersService.anyPending(status);
          if (table) {
            out.println();
            OrderCommand.printStatuses(this, out, err, order.id(), status, false);
          }
        }
      }
      if (!table) {
        printAll(out, cart, result, orders, statuses);
      } else {
        out.println();
        out.println("Bought: cart " + cart.id() + ", " + result.orders().size() + " order(s)"
            + (result.orderErrors().isEmpty()
                ? ""
                : ", " + result.orderErrors().size() + " order group(s) failed")
            + (pending ? "; provisioning still pending: see 'order status --wait'" : ""));
        out.flush();
      }
      return result.orderErrors().isEmpty() && !(waitForIt && pending)
          ? ExitCodes.SUCCESS
          : ExitCodes.PARTIAL_SUCCESS;
    } catch (Exit e) {
      return e.code;
    }
  }

  /** The options of the next call: the same correlation ID, a new request ID. */
  private static RequestOptions nextCall(RequestOptions options) {
    return options.newBuilder().requestId(null).build();
  }

  private static void step(PrintWriter out, boolean table, String title) {
    if (table) {
      out.println();
      out.println("== " + TerminalText.safe(title));
      out.flush();
    }
  }

  /** With {@code -o json}: one object with the cart, the checkout, the orders and statuses. */
  private static void printAll(
      PrintWriter out,
      Cart cart,
      CartCheckoutResult result,
      List<Order> orders,
      Map<String, OrderProvisioningStatusCollection> statuses) {
    Moshi moshi = JsonSupport.newMoshi();
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.setIndent("  ");
      json.beginObject();
      json.name("cart");
      moshi.adapter(Cart.class).toJson(json, cart);
      if (result != null) {
        json.name("checkout");
        moshi.adapter(CartCheckoutResult.class).toJson(json, result);
      }
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
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(buffer.readUtf8());
    out.flush();
  }
}
