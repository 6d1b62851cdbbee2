package org.cspkit.partnercenter.testing;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's main job: starts Prism on the spec and runs the installed command line's {@code
 * purchase} (the distribution's {@code bin/partner-center} launcher) against it for the
 * documentation's customer, with the documentation's cart (the
 * spec's first {@code createCart} request example): it creates the cart, checks it out, reads the
 * orders and their provisioning status, printing each step; then it stops Prism. Run by {@code
 * mvn -Pdemo -DskipTests verify}.
 */
public final class PrismDemo {
  private static final String CART_EXAMPLE = "legacyMixedCartRequest";

  private PrismDemo() {}

  /**
   * Runs the demo.
   *
   * @param args the {@code bin/partner-center} launcher and the customer ID
   * @throws Exception if Prism or the command line cannot be started
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PrismDemo LAUNCHER CUSTOMER_ID");
    }
    OpenAPI spec = new OpenAPIV3Parser().read(System.getProperty("openapi.spec"));
    Path cart = Files.createTempFile("documentation-cart", ".json");
    Files.writeString(
        cart, Json.pretty(spec.getComponents().getExamples().get(CART_EXAMPLE).getValue()));
    int exitCode;
    try (PrismServer prism = PrismServer.start()) {
      List<String> command = List.of(
          args[0],
          "purchase",
          "--base-url",
          prism.baseUrl(),
          "--customer-id",
          args[1],
          "--file",
          cart.toString());
      System.out.println("The documentation's cart (" + CART_EXAMPLE + " in the spec), as "
          + cart.getFileName() + ":");
      System.out.println(Files.readString(cart));
      System.out.println();
      System.out.println("Prism answers each call with the spec's first example for it, whatever"
          + " the IDs sent: the three orders read in step 3 all show its one getOrder example.");
      System.out.println();
      System.out.println("$ partner-center purchase --base-url " + prism.baseUrl()
          + " --customer-id " + args[1] + " --file " + cart.getFileName());
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      // Prism checks that a bearer token is present, not its value.
      Map<String, String> environment = builder.environment();
      environment.put("PARTNER_CENTER_ACCESS_TOKEN", "prism-accepts-any-token");
      // The launcher runs on JAVA_HOME's Java: the one running this demo. Its class-data-sharing
      // archive goes under target/, not the user's cache.
      environment.put("JAVA_HOME", System.getProperty("java.home"));
      environment.put("XDG_CACHE_HOME", System.getProperty("demo.cache"));
      // Its purchase journal too.
      environment.put("XDG_STATE_HOME", System.getProperty("demo.state"));
      exitCode = builder.start().waitFor();
    } finally {
      Files.deleteIfExists(cart);
    }
    System.out.println();
    System.out.println("(partner-center exit code " + exitCode + "; Prism stopped)");
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
