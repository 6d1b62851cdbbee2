package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.cspkit.partnercenter.CartsService;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.internal.CartValidation;
import org.cspkit.partnercenter.model.Cart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partner-center cart create|get|update}: the cart operations. */
@Command(name = "cart", description = "Create, read or replace a customer's cart.",
    mixinStandardHelpOptions = true, versionProvider = PartnerCenterCli.Version.class,
    subcommands = {CartCommand.Create.class, CartCommand.Get.class, CartCommand.Update.class})
final class CartCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: create, get or update");
  }

  /** The line items, from {@code --item} or {@code --file}. */
  static final class Items {
    @Option(names = "--item", paramLabel = "ITEM",
        description = {"A line item, repeatable: " + CartItems.SYNTAX + ".",
            "Such as CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,quantity=5,billing=monthly,term=P1Y."})
    List<String> items;

    @Option(names = "--file", paramLabel = "FILE",
        description = "A cart as JSON (\"lineItems\": [...]), or - for standard input.")
    String file;
  }

  /** Prints a cart; line-item errors make exit code 3 (the cart exists, its checkout would fail). */
  static int printCart(ClientCommand command, PrintWriter out, PrintWriter err, Cart cart) {
    if (command.output == ClientCommand.Output.json) {
      ClientCommand.printJson(out, Cart.class, cart);
    } else {
      ResultTable.print(out, cart, command.tableWidth());
      out.flush();
    }
    int errors = CartsService.lineItemsWithErrors(cart).size();
    if (errors > 0) {
      err.println("warning: " + errors + " line item(s) of cart " + cart.id() + " have errors:"
          + " checking it out would fail (800009); fix them with 'cart update'");
      err.flush();
      return ExitCodes.PARTIAL_SUCCESS;
    }
    return ExitCodes.SUCCESS;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      versionProvider = PartnerCenterCli.Version.class, requiredOptionMarker = '*',
      description = {"Creates a cart: POST /v1/customers/{customer-id}/carts.",
          "Replaces the PowerShell cmdlet New-PartnerCustomerCart.",
          "Exit code 3: the cart was created, but a line item has an error.",
          "Other exit codes as for checkout; options marked * are required."})
  static final class Create extends ClientCommand implements Callable<Integer> {
    @Option(names = "--customer-id", required = true, paramLabel = "GUID",
        description = "The customer's tenant ID (Microsoft ID).")
    String customerId;

    @CommandLine.ArgGroup(exclusive = false)
    Items items = new Items();

    @Option(names = "--what-if",
        description = "Print the request that would be sent (token masked) and send nothing.")
    boolean whatIf;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      requireGuid("--customer-id", customerId);
      Cart cart = setting("--item", () -> CartValidation.requireValid(
          CartItems.cart(items.items, items.file, System.in)));
      RequestOptions options = requestOptions(err);
      try (PartnerCenterClient client = client(whatIf, out, err)) {
        if (whatIf) {
          printWhatIf(out, "creating the cart",
              client.carts().previewCreate(customerId, cart, options), false);
          return ExitCodes.SUCCESS;
        }
        return printCart(this, out, err,
            await(client.carts().createAsync(customerId, cart, options), out, err));
      } catch (Exit e) {
        return e.code;
      }
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      versionProvider = PartnerCenterCli.Version.class, requiredOptionMarker = '*',
      description = {"Reads a cart: GET /v1/customers/{customer-id}/carts/{cart-id}.",
          "Replaces the PowerShell cmdlet Get-PartnerCustomerCart.",
          "Exit codes as for checkout (3: a line item has an error)."})
  static final class Get extends ClientCommand implements Callable<Integer> {
    @Option(names = "--customer-id", required = true, paramLabel = "GUID",
        description = "The customer's tenant ID (Microsoft ID).")
    String customerId;

    @Option(names = "--cart-id", required = true, paramLabel = "GUID",
        description = "The cart ID.")
    String cartId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      requireGuid("--customer-id", customerId);
      requireGuid("--cart-id", cartId);
      RequestOptions options = requestOptions(err);
      try (PartnerCenterClient client = client(false, out, err)) {
        return printCart(this, out, err,
            await(client.carts().getAsync(customerId, cartId, options), out, err));
      } catch (Exit e) {
        return e.code;
      }
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      versionProvider = PartnerCenterCli.Version.class, requiredOptionMarker = '*',
      description = {"Replaces a cart's line items: PUT /v1/customers/{customer-id}/carts/{cart-id}.",
          "Replaces the PowerShell cmdlet Set-PartnerCustomerCart. The cart's expiry (7 days"
              + " after creation) does not move.",
          "Exit codes as for cart create."})
  static final class Update extends ClientCommand implements Callable<Integer> {
    @Option(names = "--customer-id", required = true, paramLabel = "GUID",
        description = "The customer's tenant ID (Microsoft ID).")
    String customerId;

    @Option(names = "--cart-id", required = true, paramLabel = "GUID",
        description = "The cart ID.")
    String cartId;

    @CommandLine.ArgGroup(exclusive = false)
    Items items = new Items();

    @Option(names = "--what-if",
        description = "Print the request that would be sent (token masked) and send nothing.")
    boolean whatIf;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      requireGuid("--customer-id", customerId);
      requireGuid("--cart-id", cartId);
      Cart cart = setting("--item", () -> CartValidation.requireValid(
          CartItems.cart(items.items, items.file, System.in)));
      RequestOptions options = requestOptions(err);
      try (PartnerCenterClient client = client(whatIf, out, err)) {
        if (whatIf) {
          printWhatIf(out, "replacing the cart",
              client.carts().previewUpdate(customerId, cartId, cart, options), false);
          return ExitCodes.SUCCESS;
        }
        return printCart(this, out, err,
            await(client.carts().updateAsync(customerId, cartId, cart, options), out, err));
      } catch (Exit e) {
        return e.code;
      }
    }
  }
}
