package org.cspkit.partnercenter.cli;

import picocli.CommandLine.Option;

/**
 * The options naming what a command works on, each declared here once as a picocli mixin: a
 * command adds {@code @Mixin IdOptions.Customer customer} and reads the checked value with {@code
 * customer.checked(this)} before anything is sent. The checks are the library's ({@link
 * org.cspkit.partnercenter.RequestChecks}); a bad value is a usage error naming the option.
 */
final class IdOptions {
  private IdOptions() {}

  /** {@code --customer-id}: the customer's tenant ID, a GUID. */
  static final class Customer {
    /** The option's name. */
    static final String OPTION = "--customer-id";

    /** What it means, as {@code --help} says it. */
    static final String HELP = "The customer's tenant ID (Microsoft ID).";

    @Option(names = OPTION, required = true, paramLabel = "GUID", description = HELP)
    String value;

    /** The ID as given; a usage error when it is not a GUID. */
    String checked(ClientCommand command) {
      command.requireGuid(OPTION, value);
      return value;
    }
  }

  /** {@code --cart-id}: a cart's ID, a GUID. */
  static final class Cart {
    /** The option's name. */
    static final String OPTION = "--cart-id";

    @Option(names = OPTION, required = true, paramLabel = "GUID", description = "The cart ID.")
    String value;

    /** The ID as given; a usage error when it is not a GUID. */
    String checked(ClientCommand command) {
      command.requireGuid(OPTION, value);
      return value;
    }
  }

  /** {@code --order-id}: an order's ID, not always a GUID. */
  static final class Order {
    /** The option's name. */
    static final String OPTION = "--order-id";

    @Option(
        names = OPTION,
        required = true,
        paramLabel = "ID",
        description = "The order ID (not always a GUID).")
    String value;

    /** The ID as given; a usage error when it is not one URL path segment. */
    String checked(ClientCommand command) {
      command.requireId(OPTION, value);
      return value;
    }
  }
}
