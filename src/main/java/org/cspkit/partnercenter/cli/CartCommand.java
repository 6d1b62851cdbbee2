package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.Request;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestChecks;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.model.Cart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code partner-center cart}: the cart operations, one subcommand each. */
@Command(
    name = "cart",
    description = "Create, read or replace a customer's cart.",
    mixinStandardHelpOptions = true,
    versionProvider = PartnerCenterCli.Version.class,
    subcommands = {
      CartCommand.Create.class,
      CartCommand.Get.class,
      CartCommand.Update.class,
    })
final class CartCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw PartnerCenterCli.missingSubcommand(spec);
  }

  /** The line items, from {@code --item} or {@code --file}. */
  static final class Items {
    @Option(
        names = "--item",
        paramLabel = "ITEM",
        description = {
          "A line item, repeatable: " + CartItems.SYNTAX + ".",
          "Such as CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,quantity=5,term=P1Y."
        })
    List<String> items;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "A cart as JSON (\"lineItems\": [...]), or - for standard input.")
    String file;
  }

  /** Prints a cart; line-item errors make exit code 8 (the cart exists, its checkout would fail). */
  static int printCart(ClientCommand command, Cart cart) {
    command.show(Cart.class, cart, ResultTable::print);
    int errors = cart.lineItemsWithErrors().size();
    if (errors > 0) {
      PrintWriter err = command.err();
      err.println(Advice.fixLineItems(errors, TerminalText.safe(cart.id())));
      err.flush();
      return ExitCode.NOT_BOUGHT.code();
    }
    return ExitCode.SUCCESS.code();
  }

  /** Sends a cart (create or update), or with {@code --what-if} shows the request. */
  static int send(
      ClientCommand command,
      boolean whatIf,
      Function<PartnerCenterClient, Request> preview,
      Function<PartnerCenterClient, CompletableFuture<Cart>> call) {
    return command.withClient(whatIf, (client, out, err) -> {
      if (whatIf) {
        WhatIf.print(out, command, command.what(), preview.apply(client), false, null);
        return ExitCode.SUCCESS.code();
      }
      return printCart(command, command.call(() -> call.apply(client)));
    });
  }

  /** What {@code --request-id} means for a cart change. */
  static final String CHANGE_REQUEST_ID = "MS-RequestId of the request. Default: a new one."
      + " Repeat it to send the same change again after an answer was lost; a cart is never"
      + " bought before a checkout.";

  /** The cart of {@code --item} or {@code --file}, checked before anything is sent. */
  static Cart cart(ClientCommand command, Items items) {
    return command.setting(
        "--item",
        () -> RequestChecks.requireValidCart(CartItems.cart(items.items, items.file, System.in)));
  }

  @Command(
      name = "create",
      description = {
        "Creates a cart: POST /v1/customers/{customer-id}/carts.",
        "Replaces the PowerShell cmdlet New-PartnerCustomerCart.",
        "Options marked * are required."
      })
  static final class Create extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.ArgGroup(exclusive = false)
    Items items = new Items();

    @Option(
        names = "--what-if",
        description = "Print the request that would be sent (token masked) and send nothing.")
    boolean whatIf;

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      Cart cart = cart(this, items);
      RequestOptions options = requestOptions(err());
      return send(
          this,
          whatIf,
          client -> client.carts().previewCreate(customerId, cart, options),
          client -> client.carts().createAsync(customerId, cart, options));
    }

    @Override
    String requestIdHelp() {
      return CHANGE_REQUEST_ID;
    }

    @Override
    String what() {
      return "creating the cart";
    }

    @Override
    boolean changes() {
      return true;
    }

    @Override
    String mayHaveSucceeded() {
      return Advice.cartMayHaveChanged("creating the cart");
    }
  }

  @Command(
      name = "get",
      description = {
        "Reads a cart: GET /v1/customers/{customer-id}/carts/{cart-id}.",
        "Replaces the PowerShell cmdlet Get-PartnerCustomerCart."
      })
  static final class Get extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.Mixin
    IdOptions.Cart cartOption = new IdOptions.Cart();

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      String cartId = cartOption.checked(this);
      RequestOptions options = requestOptions(err());
      return withClient(
          false,
          (client, out, err) ->
              printCart(this, call(() -> client.carts().getAsync(customerId, cartId, options))));
    }

    @Override
    String what() {
      return "reading cart " + cartOption.value;
    }
  }

  @Command(
      name = "update",
      description = {
        "Replaces a cart's line items: PUT /v1/customers/{customer-id}/carts/{cart-id}.",
        "Replaces the PowerShell cmdlet Set-PartnerCustomerCart. The cart's expiry (7 days"
            + " after creation) does not move."
      })
  static final class Update extends ClientCommand implements Callable<Integer> {
    @CommandLine.Mixin
    IdOptions.Customer customerOption = new IdOptions.Customer();

    @CommandLine.Mixin
    IdOptions.Cart cartOption = new IdOptions.Cart();

    @CommandLine.ArgGroup(exclusive = false)
    Items items = new Items();

    @Option(
        names = "--what-if",
        description = "Print the request that would be sent (token masked) and send nothing.")
    boolean whatIf;

    @Override
    public Integer call() {
      String customerId = customerOption.checked(this);
      String cartId = cartOption.checked(this);
      Cart cart = cart(this, items);
      RequestOptions options = requestOptions(err());
      return send(
          this,
          whatIf,
          client -> client.carts().previewUpdate(customerId, cartId, cart, options),
          client -> client.carts().updateAsync(customerId, cartId, cart, options));
    }

    @Override
    String requestIdHelp() {
      return CHANGE_REQUEST_ID;
    }

    @Override
    String what() {
      return "replacing the line items of cart " + cartOption.value;
    }

    @Override
    boolean changes() {
      return true;
    }

    @Override
    String mayHaveSucceeded() {
      return Advice.cartMayHaveChanged(what());
    }
  }
}
