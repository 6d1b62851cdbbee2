package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;

/**
 * The distribution as a user installs it, for {@link DistributionIT}, {@link LauncherIT} and
 * {@link PurchaseSignalsIT}: the
 * tar.gz unpacked with {@code tar}, and commands run as a user's shell runs them, on the Java of
 * this test's JVM (through {@code JAVA_HOME}: Java 17 on the first pass, the newest JDK on the
 * second) with a home directory of their own for the class-data-sharing archive.
 */
final class InstalledDistribution {
  static final String VERSION = System.getProperty("project.version");
  static final String BASE = "partner-center-" + VERSION + "/";

  /** How {@code -Xlog:class+load} names a class mapped from a dynamic (application) archive. */
  static final String FROM_APP_ARCHIVE = "source: shared objects file (top)";

  private InstalledDistribution() {}

  /** The tar.gz or zip the build made. */
  static Path archive(String extension) {
    return Path.of(System.getProperty("dist.archive") + "." + extension);
  }

  /** Unpacks the tar.gz into the directory; returns the installation directory in it. */
  static Path unpack(Path into) throws Exception {
    Process tar = new ProcessBuilder(
            "tar", "-xzf", archive("tar.gz").toString(), "-C", into.toString())
        .inheritIO()
        .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    return into.resolve(BASE);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** The files (archives, links, partial files, directories) in the directory, or none. */
  static List<Path> entries(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  /**
   * A process builder for the command with this JVM's Java as JAVA_HOME and the given home, as a
   * user's shell would start it: none of the launcher's variables inherited, standard input a pipe.
   */
  static ProcessBuilder builder(
      Path userHome, Map<String, String> environment, List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = builder.environment();
    for (String inherited : List.of(
        "JAVA_OPTS",
        "PARTNER_CENTER_OPTS",
        "PARTNER_CENTER_CDS",
        "JDK_JAVA_OPTIONS",
        "JAVA_TOOL_OPTIONS",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
        "PARTNER_CENTER_PROGRESS",
        "COLUMNS")) {
      env.remove(inherited);
    }
    env.put("HOME", userHome.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PARTNER_CENTER_ACCESS_TOKEN", "distribution-test-token");
    env.putAll(new HashMap<>(environment));
    return builder;
  }

  /**
   * The command with SIGINT and SIGTERM at their default action, as a terminal's Ctrl-C or a
   * service manager's stop finds a foreground command, even when the build runs with them ignored
   * (a background job of a script), which its children would inherit.
   */
  static List<String> signalsAtDefault(List<String> command) {
    List<String> started = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
    started.addAll(command);
    return started;
  }

  /** Runs the command to its end (two minutes at most) with no input. */
  static Run run(Path userHome, Map<String, String> environment, List<String> command)
      throws Exception {
    ProcessBuilder builder = builder(userHome, environment, command);
    Path stderr = Files.createTempFile(userHome, "stderr", ".txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as(String.join(" ", command))
        .isTrue();
    return new Run(process.exitValue(), stdout, Files.readString(stderr));
  }

  record Run(int exitCode, String stdout, String stderr) {
    /** The command of the last {@code next step:} line, or null. */
    String nextStep() {
      return PrintedAdvice.nextStep(stderr);
    }
  }
}
