package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's Spectral lint (the same binary and ruleset) accepts the spec and rejects bad examples. */
class SpecLintTest {
  private static final Path SPEC = Path.of(System.getProperty("openapi.spec"));

  @Test
  void theSpecPassesTheLint() throws Exception {
    Lint lint = lint(SPEC);

    assertThat(lint.exitCode).as(lint.output).isZero();
  }

  @Test
  void anExampleThatDoesNotMatchItsSchemaFailsTheLint(@TempDir Path dir) throws Exception {
    String spec = Files.readString(SPEC);
    String valid = "creationDate: '2019-01-16T00:48:44.76+00:00'";
    assertThat(spec).contains(valid);
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, spec.replace(valid, "creationDate: yesterday"));

    Lint lint = lint(broken);

    assertThat(lint.exitCode).isNotZero();
    assertThat(lint.output).contains("oas3-valid-media-example").contains("date-time");
  }

  private record Lint(int exitCode, String output) {}

  private static Lint lint(Path spec) throws Exception {
    Process process = new ProcessBuilder(List.of(
            System.getProperty("spectral.executable"),
            "lint",
            "--fail-severity=error",
            "--ruleset",
            System.getProperty("spectral.ruleset"),
            spec.toString()))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Lint(process.exitValue(), output);
  }
}
