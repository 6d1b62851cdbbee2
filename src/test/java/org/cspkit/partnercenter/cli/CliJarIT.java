package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.Test;

/** The shaded command-line jar, run as a user runs it, against Prism. */
class CliJarIT {

  @Test
  void theCliJarChecksOutTheDocumentedCart() throws Exception {
    Path jar = Path.of(System.getProperty("cli.jar"));
    assertThat(jar).exists();
    try (PrismServer prism = PrismServer.start()) {
      ProcessBuilder builder = new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar",
              jar.toString(),
              "checkout",
              "--base-url",
              prism.baseUrl(),
              "--customer-id",
              "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d",
              "--cart-id",
              "b4c8fdea-cbe4-4d17-9576-13fcacbf9605"))
          .redirectErrorStream(true);
      builder.environment().put("PARTNER_CENTER_ACCESS_TOKEN", "any-token");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output)
          .startsWith("3 order(s), 0 order error(s)")
          .contains("3c6f2530-1e31-4088-8230-dd1c31a18bce")
          .contains("311qiN8iFwkv-XARWMvXRYAwYKMACVqv1")
          .contains("HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71");
      assertThat(Files.size(jar)).isPositive();
    }
  }
}
