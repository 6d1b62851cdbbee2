package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.InstalledDistribution.BASE;
import static org.cspkit.partnercenter.cli.InstalledDistribution.FROM_APP_ARCHIVE;
import static org.cspkit.partnercenter.cli.InstalledDistribution.VERSION;
import static org.cspkit.partnercenter.cli.InstalledDistribution.archive;
import static org.cspkit.partnercenter.cli.InstalledDistribution.json;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user installs it: the tar.gz unpacked with {@code tar}, {@code bin/} on
 * the {@code PATH}, and {@code partner-center} run on the Java of this test's JVM (through
 * {@code JAVA_HOME}: Java 17 on the first pass, the newest JDK on the second), with a home
 * directory of its own for the class-data-sharing archive.
 */
class DistributionIT {
  private static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  private static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  private static final String ONE_ORDER =
      "{\"orders\":[{\"id\":\"o-1\",\"status\":\"pending\",\"lineItems\":[]}]}";

  @TempDir
  static Path installation;

  private static Path home;

  @TempDir
  Path userHome;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @BeforeAll
  static void unpackTheTarGz() throws Exception {
    home = InstalledDistribution.unpack(installation);
  }

  @Test
  void bothArchivesHoldTheLaunchersTheJarAndTheCompletionScript() throws Exception {
    Map<String, Integer> tar = new TreeMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive("tar.gz")));
        TarArchiveInputStream entries =
            new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          tar.put(entry.getName(), entry.getMode() & 07777);
        }
      }
    }
    Map<String, Integer> zip = new TreeMap<>();
    try (ZipFile file = ZipFile.builder().setFile(archive("zip").toFile()).get()) {
      for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
        if (!entry.isDirectory()) {
          zip.put(entry.getName(), entry.getUnixMode() & 07777);
        }
      }
    }

    assertThat(tar)
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            BASE + "bin/partner-center", 0755,
            BASE + "bin/partner-center.cmd", 0755,
            BASE + "lib/partner-center-purchase-" + VERSION + "-cli.jar", 0644,
            BASE + "completion/partner-center", 0644,
            BASE + "README.md", 0644,
            BASE + "LICENSE", 0644));
    assertThat(zip).isEqualTo(tar);
  }

  @Test
  void theLaunchersCarryTheVersionAndTheirPlatformsLineEndings() throws Exception {
    String sh = Files.readString(home.resolve("bin/partner-center"));
    String cmd = Files.readString(home.resolve("bin/partner-center.cmd"));

    assertThat(sh)
        .startsWith("#!/bin/sh\n")
        .doesNotContain("\r")
        .doesNotContain("@project")
        .contains("version=" + VERSION + "\n")
        // Shell syntax is not Maven's: left as written.
        .contains("${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}");
    assertThat(cmd)
        .startsWith("@echo off\r\n")
        .doesNotContain("@project")
        .contains("partner-center-purchase-" + VERSION + "-cli.jar");
    assertThat(cmd.replace("\r\n", "")).doesNotContain("\n");
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(home.resolve("bin/partner-center"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void onThePathThroughALinkTheCommandRunsByItsNameOnJavaHome() throws Exception {
    Path linkDir = Files.createDirectories(userHome.resolve("bin"));
    Path link = linkDir.resolve("partner-center");
    Files.createSymbolicLink(link, home.resolve("bin/partner-center"));
    try {
      runsByItsName(linkDir);
    } finally {
      // JUnit warns about a link to outside its temporary directory that it has to delete.
      Files.delete(link);
    }
  }

  private void runsByItsName(Path linkDir) throws Exception {

    Run run = run(
        Map.of("PATH", linkDir + File.pathSeparator + System.getenv("PATH")),
        List.of("sh", "-c", "partner-center --version"));

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stdout)
        .isEqualTo("partner-center " + VERSION + " (partner-center-purchase)\n"
            + "Java " + System.getProperty("java.version") + " ("
            + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name")
            + ")\n");
    assertThat(run.stderr).isEmpty();
  }

  @Test
  void theFirstCallRecordsAnArchiveThatLaterRunsMap() throws Exception {
    Run version = launcher(Map.of(), "--version");
    assertThat(version.exitCode).isZero();
    assertThat(archives()).as("--version makes no archive").isEmpty();

    server.enqueue(json(201, ONE_ORDER));
    Run first = checkout(Map.of());
    assertThat(first.exitCode).as(first.stderr).isZero();
    assertThat(first.stdout).startsWith("1 order(s), 0 order error(s)");
    assertThat(first.stderr).isEmpty();
    assertThat(archives()).hasSize(1);
    Path archive = archives().get(0);
    assertThat(Files.size(archive)).isPositive();

    server.enqueue(json(201, ONE_ORDER));
    Path classes = userHome.resolve("class-load.log");
    Run second = checkout(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + classes));
    assertThat(second.exitCode).as(second.stderr).isZero();
    assertThat(second.stdout).isEqualTo(first.stdout);
    assertThat(second.stderr).isEmpty();
    assertThat(archives()).containsExactly(archive);
    assertThat(Files.readAllLines(classes))
        .anyMatch(line -> line.contains("okhttp3.OkHttpClient " + FROM_APP_ARCHIVE))
        .anyMatch(line ->
            line.contains("org.cspkit.partnercenter.cli.PartnerCenterCli " + FROM_APP_ARCHIVE));

    Path versionClasses = userHome.resolve("version-class-load.log");
    Run again = launcher(
        Map.of("PARTNER_CENTER_OPTS", "-Xlog:class+load:file=" + versionClasses), "--version");
    assertThat(again.stdout).isEqualTo(version.stdout);
    assertThat(Files.readAllLines(versionClasses))
        .anyMatch(line ->
            line.contains("org.cspkit.partnercenter.cli.PartnerCenterCli " + FROM_APP_ARCHIVE));
  }

  @Test
  void argumentsAndExitCodesPassThroughOnTheRecordingRunAndAfter() throws Exception {
    String name = "Contoso  *  \"control\" panel's $HOME";
    server.enqueue(json(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}"));
    Run recording = checkout(Map.of(), "--application-name", name, "--max-attempts", "1");
    server.enqueue(json(404, "{\"code\":800008,\"description\":\"Unable to retrieve cart ID.\"}"));
    Run mapping = checkout(Map.of(), "--application-name", name, "--max-attempts", "1");

    assertThat(recording.exitCode).isEqualTo(ExitCode.SERVICE_ERROR.code());
    assertThat(mapping.exitCode).isEqualTo(ExitCode.SERVICE_ERROR.code());
    for (Run run : List.of(recording, mapping)) {
      assertThat(run.stderr)
          .contains("800008")
          .doesNotContain("warning")
          .doesNotContain("[cds")
          .doesNotContain("sharing");
    }
    for (int request = 0; request < 2; request++) {
      RecordedRequest sent = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(sent).isNotNull();
      assertThat(sent.getHeaders().get("MS-PartnerCenter-Application")).isEqualTo(name);
    }
    assertThat(archives()).hasSize(1);

    Run usage = launcher(Map.of(), "checkout", "--customer-id", "not a GUID");
    assertThat(usage.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(usage.stderr).startsWith("error: ");
  }

  @Test
  void anUnusableArchiveOnlyCostsTheSpeedUp() throws Exception {
    server.enqueue(json(201, ONE_ORDER));
    assertThat(checkout(Map.of()).exitCode).isZero();
    Path archive = archives().get(0);
    // Not an archive at all (a file of another tool, or a damaged header).
    Files.writeString(archive, "not a class-data-sharing archive");

    server.enqueue(json(201, ONE_ORDER));
    Run run = checkout(Map.of());

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stdout).startsWith("1 order(s)");
    assertThat(run.stderr).isEmpty();
    assertThat(archives()).containsExactly(archive);
    assertThat(Files.size(archive)).as("recorded again").isGreaterThan(100_000);
  }

  @Test
  void aReplacedJarGetsAnArchiveOfItsOwn() throws Exception {
    server.enqueue(json(201, ONE_ORDER));
    assertThat(checkout(Map.of()).exitCode).isZero();
    Path jar = home.resolve("lib/partner-center-purchase-" + VERSION + "-cli.jar");
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

    server.enqueue(json(201, ONE_ORDER));
    Run run = checkout(Map.of());

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stderr).isEmpty();
    assertThat(archives()).hasSize(2);
  }

  @Test
  void cdsOffMakesNoArchive() throws Exception {
    server.enqueue(json(201, ONE_ORDER));
    Run run = checkout(Map.of("PARTNER_CENTER_CDS", "off"));

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(archives()).isEmpty();
  }

  @Test
  void withoutJavaTheLauncherSaysWhatToSet() throws Exception {
    Run run =
        launcher(Map.of("JAVA_HOME", userHome.resolve("no-such-java").toString()), "--version");

    assertThat(run.exitCode).isEqualTo(127);
    assertThat(run.stdout).isEmpty();
    assertThat(run.stderr)
        .startsWith("partner-center: JAVA_HOME (" + userHome)
        .contains("Java 17 or newer");
  }

  @Test
  void theCompletionScriptCompletesTheSubcommandsInBash() throws Exception {
    Path script = home.resolve("completion/partner-center");
    Run run = run(
        Map.of(),
        List.of(
            "bash",
            "-c",
            "source \"$1\"; complete -p partner-center;"
                + " COMP_WORDS=(partner-center ''); COMP_CWORD=1; _complete_partner-center;"
                + " echo \"${COMPREPLY[*]}\"; COMP_WORDS=(partner-center ch); _complete_partner-center;"
                + " echo \"${COMPREPLY[*]}\"",
            "bash",
            script.toString()));

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stdout.lines())
        .containsExactly(
            "complete -o default -F _complete_partner-center partner-center",
            "purchase cart checkout order help generate-completion",
            "checkout");
  }

  private List<Path> archives() throws IOException {
    Path cache = userHome.resolve(".cache/partner-center");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(file -> file.toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private Run checkout(Map<String, String> environment, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID));
    args.addAll(Arrays.asList(extra));
    return launcher(environment, args.toArray(String[]::new));
  }

  private Run launcher(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/partner-center").toString());
    command.addAll(Arrays.asList(args));
    return run(environment, command);
  }

  /** Runs with this JVM's Java as JAVA_HOME and the temporary home, as a user's shell would. */
  private Run run(Map<String, String> environment, List<String> command) throws Exception {
    InstalledDistribution.Run run = InstalledDistribution.run(userHome, environment, command);
    return new Run(run.exitCode(), run.stdout(), run.stderr());
  }

  private record Run(int exitCode, String stdout, String stderr) {}
}
