package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with a JDK and Maven but no Node.js, as a Java-only CI or a consumer building from
 * source has: on a copy of this project (without {@code openapi/node_modules}), with a PATH that
 * holds every program of this one except node, npm, npx and corepack, {@code mvn install
 * -DskipTests} builds and installs every artifact, and the test command stops at once with the one
 * line that says what to install. Runs Maven offline, like {@link RegenerationIT}: the outer build
 * has fetched every plugin. The install puts this same version into the local repository, as
 * {@code mvn install} does.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class BuildWithoutNodeIT {
  private static final Path PROJECT = Path.of(System.getProperty("project.basedir"));
  private static final String VERSION = System.getProperty("project.version");
  private static final String NODE_LINE =
      "Node.js 20 with npm is needed to run the tests and the demo (Prism and Spectral): install it"
          + " from https://nodejs.org, or build without tests: mvn -B -ntp install -DskipTests";
  private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));
  private static final Set<String> NODE_PROGRAMS =
      Set.of("node", "nodejs", "npm", "npx", "corepack");

  @TempDir
  Path copy;

  @TempDir
  Path bin;

  @BeforeEach
  void copyProjectAndPathWithoutNode() throws IOException {
    for (String file : List.of("pom.xml", "README.md", "LICENSE")) {
      Files.copy(PROJECT.resolve(file), copy.resolve(file));
    }
    for (String dir : List.of(
        ".mvn",
        "generator-templates",
        "src/main",
        "src/testing",
        "src/test",
        "src/assembly",
        "src/dist",
        "src/it")) {
      copyTree(PROJECT.resolve(dir), copy.resolve(dir));
    }
    Files.createDirectories(copy.resolve("openapi"));
    for (String file : List.of(
        "partner-center-purchase.yaml", ".spectral.yaml", "package.json", "package-lock.json")) {
      Files.copy(
          PROJECT.resolve("openapi").resolve(file), copy.resolve("openapi").resolve(file));
    }
    // Every program on this PATH but Node's, first found first, as links in one directory.
    for (String dir : PATH_SEPARATOR.splitAsStream(System.getenv("PATH")).toList()) {
      Path directory = Path.of(dir);
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(directory)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          String name = program.getFileName().toString();
          Path link = bin.resolve(name);
          if (!NODE_PROGRAMS.contains(name) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program.toAbsolutePath());
          }
        }
      }
    }
    assertThat(bin.resolve("mvn")).exists();
    assertThat(bin.resolve("java")).exists();
    assertThat(bin.resolve("node")).doesNotExist();
    assertThat(bin.resolve("npm")).doesNotExist();
  }

  @Test
  void theTestCommandStopsAtOnceWithOneLineNamingNode20() throws Exception {
    long start = System.nanoTime();
    Result result = maven("verify");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.exitCode()).as(result.log()).isNotZero();
    assertThat(took).as(result.log()).isLessThan(Duration.ofSeconds(60));
    assertThat(result.log().lines().filter(line -> line.contains(NODE_LINE)))
        .as(result.log())
        .hasSize(1);
    assertThat(result.log())
        .doesNotContain("Cannot run program")
        .doesNotContain("\tat ")
        .doesNotContain("npm-ci")
        .doesNotContain("Building jar");
  }

  @Test
  void aNodeOlderThan20IsRefusedTheSameWay() throws Exception {
    Path node = bin.resolve("node");
    Files.writeString(node, "#!/bin/sh\necho v18.20.4\n");
    assertThat(node.toFile().setExecutable(true)).isTrue();
    Path npm = bin.resolve("npm");
    Files.writeString(npm, "#!/bin/sh\nexit 0\n");
    assertThat(npm.toFile().setExecutable(true)).isTrue();

    Result result = maven("validate");

    assertThat(result.exitCode()).as(result.log()).isNotZero();
    assertThat(result.log()).contains(NODE_LINE).doesNotContain("npm-ci");
  }

  @Test
  void installWithoutTestsBuildsEveryArtifactWithoutNode() throws Exception {
    Result result = maven("install", "-DskipTests");

    assertThat(result.exitCode()).as(result.log()).isZero();
    assertThat(result.log()).doesNotContain(NODE_LINE).doesNotContain("Cannot run program");
    Path target = copy.resolve("target");
    String library = "partner-center-purchase-" + VERSION;
    String testing = "partner-center-purchase-testing-" + VERSION;
    for (String file : List.of(
        library + ".jar",
        library + "-sources.jar",
        library + "-javadoc.jar",
        library + "-cli.jar",
        library + "-dist.tar.gz",
        library + "-dist.zip",
        "published-pom.xml",
        testing + ".jar",
        testing + "-sources.jar",
        testing + "-test-javadoc.jar")) {
      assertThat(target.resolve(file)).as(file).isNotEmptyFile();
    }
    // Installed where a consumer finds them (the local repository, not the invoker's
    // target/it-repo): the published pom, the testing artifact's Javadoc.
    String toLocalRepository = " to (?!\\S*/target/it-repo/)\\S*/";
    assertThat(result.log())
        .containsPattern(
            "Installing \\S*/target/published-pom\\.xml" + toLocalRepository + library + "\\.pom")
        .containsPattern("Installing \\S*/target/" + testing + "-test-javadoc\\.jar"
            + toLocalRepository + testing + "-javadoc\\.jar");
    assertThat(copy.resolve("openapi/node_modules")).doesNotExist();
  }

  private record Result(int exitCode, String log) {}

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Runs Maven offline in the copy with the PATH without Node, and returns its exit code and log. */
  private Result maven(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(bin.resolve("mvn").toString(), "-B", "-ntp", "-o"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), log);
  }
}
