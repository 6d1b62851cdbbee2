package org.cspkit.partnercenter.testing;

import java.util.List;
import java.util.Map;

/**
 * The README's main job: starts Prism on the spec, runs the command-line jar's checkout against it
 * with the documentation page's customer and cart IDs, prints what it prints, and stops Prism.
 * Run by {@code mvn -Pdemo -DskipTests verify}.
 */
public final class PrismDemo {
  private PrismDemo() {}

  /**
   * Runs the demo.
   *
   * @param args the command-line jar, the customer ID and the cart ID
   * @throws Exception if Prism or the command line cannot be started
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: PrismDemo CLI_JAR CUSTOMER_ID CART_ID");
    }
    int exitCode;
    try (PrismServer prism = PrismServer.start()) {
      List<String> command = List.of(
          Path.java(), "-jar", args[0], "checkout",
          "--base-url", prism.baseUrl(),
          "--customer-id", args[1],
          "--cart-id", args[2]);
      System.out.println("$ pc-checkout checkout --base-url " + prism.baseUrl()
          + " --customer-id " + args[1] + " --cart-id " + args[2]);
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      // Prism checks that a bearer token is present, not its value.
      Map<String, String> environment = builder.environment();
      environment.put("PARTNER_CENTER_ACCESS_TOKEN", "prism-accepts-any-token");
      exitCode = builder.start().waitFor();
    }
    System.out.println("(pc-checkout exit code " + exitCode + "; Prism stopped)");
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  private static final class Path {
    static String java() {
      return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
  }
}
