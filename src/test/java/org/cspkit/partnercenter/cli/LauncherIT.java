package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cspkit.partnercenter.cli.InstalledDistribution.FROM_APP_ARCHIVE;
import static org.cspkit.partnercenter.cli.InstalledDistribution.entries;
import static org.cspkit.partnercenter.cli.InstalledDistribution.json;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.cli.InstalledDistribution.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sh launcher and its class-data-sharing archive, through the unpacked distribution as {@link
 * DistributionIT} runs it: the user's own class-data-sharing options take over; help and version
 * output never records an archive; and what is not the launcher's to use (a directory, another
 * user's file or directory, a path the JVM cannot take) is neither used nor touched.
 */
class LauncherIT {
  private static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  private static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  private static final String ONE_ORDER =
      "{\"orders\":[{\"id\":\"o-1\",\"status\":\"pending\",\"lineItems\":[]}]}";
  /** The user "nobody" on Linux: an owner other than the one running the tests (root). */
  private static final int ANOTHER_USER = 65534;

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
  void theUsersOwnClassDataSharingOptionsTakeOver() throws Exception {
    server.enqueue(json(201, ONE_ORDER));
    Run off = checkout(Map.of("JAVA_OPTS", "-Xshare:off"));
    assertThat(off.exitCode()).as(off.stderr()).isZero();
    assertThat(off.stdout()).startsWith("1 order(s)");
    assertThat(off.stderr()).isEmpty();
    assertThat(entries(cache())).isEmpty();

    Path own = userHome.resolve("own.jsa");
    server.enqueue(json(201, ONE_ORDER));
    Run recording = checkout(Map.of("PARTNER_CENTER_OPTS", "-XX:ArchiveClassesAtExit=" + own));
    assertThat(recording.exitCode()).as(recording.stderr()).isZero();
    assertThat(Files.size(own)).isGreaterThan(100_000);

    Path classes = userHome.resolve("class-load.log");
    server.enqueue(json(201, ONE_ORDER));
    Run mapping = checkout(Map.of(
        "PARTNER_CENTER_OPTS",
        "-XX:SharedArchiveFile=" + own + " -Xlog:class+load:file=" + classes));
    assertThat(mapping.exitCode()).as(mapping.stderr()).isZero();
    assertThat(mapping.stderr()).isEmpty();
    assertThat(Files.readAllLines(classes)).anyMatch(line -> line.contains(FROM_APP_ARCHIVE));
    assertThat(entries(cache())).isEmpty();
  }

  @Test
  void aDirectoryAtTheArchivesPathIsNeitherUsedNorFilled() throws Exception {
    Path archive = recordAnArchive();
    clearTheCache();
    Files.createDirectory(archive);

    for (int run = 0; run < 2; run++) {
      server.enqueue(json(201, ONE_ORDER));
      Run checkout = checkout(Map.of());
      assertThat(checkout.exitCode()).as(checkout.stderr()).isZero();
      assertThat(checkout.stderr()).isEmpty();
    }

    assertThat(entries(cache())).containsExactly(archive);
    assertThat(entries(archive)).isEmpty();
  }

  @Test
  void anotherUsersArchiveIsNeitherMappedNorReplacedNorRemoved() throws Exception {
    assumeTrue(runAsRoot(), "needs root, to give a file to another user");
    Path archive = recordAnArchive();
    Files.setAttribute(archive, "unix:uid", ANOTHER_USER);
    FileTime modified = Files.getLastModifiedTime(archive);
    long size = Files.size(archive);

    Path classes = userHome.resolve("class-load.log");
    server.enqueue(json(201, ONE_ORDER));
    Run run = checkout(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + classes));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(Files.readAllLines(classes)).noneMatch(line -> line.contains(FROM_APP_ARCHIVE));
    assertThat(entries(cache())).containsExactly(archive);
    assertThat(Files.getAttribute(archive, "unix:uid")).isEqualTo(ANOTHER_USER);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(modified);
    assertThat(Files.size(archive)).isEqualTo(size);

    // Not an archive either: still not the launcher's to remove (a user other than root gets an
    // rm error for it).
    Files.writeString(archive, "another tool's file");
    server.enqueue(json(201, ONE_ORDER));
    Run again = checkout(Map.of());

    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stderr()).isEmpty();
    assertThat(entries(cache())).containsExactly(archive);
    assertThat(Files.readString(archive)).isEqualTo("another tool's file");
  }

  @Test
  void anotherUsersCacheDirectoryIsNotUsed() throws Exception {
    assumeTrue(runAsRoot(), "needs root, to give a directory to another user");
    Files.setAttribute(Files.createDirectories(cache()), "unix:uid", ANOTHER_USER);

    for (int run = 0; run < 2; run++) {
      server.enqueue(json(201, ONE_ORDER));
      Run checkout = checkout(Map.of());
      assertThat(checkout.exitCode()).as(checkout.stderr()).isZero();
      assertThat(checkout.stderr()).isEmpty();
    }

    assertThat(entries(cache())).isEmpty();
  }

  @Test
  void aCachePathWithAColonNeitherRecordsNorMaps() throws Exception {
    // The JVM splits -XX:SharedArchiveFile at ":": an archive there could never be mapped.
    Path cache = userHome.resolve("ca:che");

    for (int run = 0; run < 2; run++) {
      server.enqueue(json(201, ONE_ORDER));
      Run checkout =
          checkout(Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_OPTS", "-XX:+PrintFlagsFinal"));
      assertThat(checkout.exitCode()).as(checkout.stderr()).isZero();
      assertThat(checkout.stderr()).isEmpty();
      assertThat(checkout.stdout()).contains("1 order(s)");
      assertThat(checkout.stdout().lines())
          .filteredOn(line -> line.contains(" ArchiveClassesAtExit ")
              || line.contains(" SharedArchiveFile ")
              || line.contains(" AutoCreateSharedArchive "))
          .isNotEmpty()
          .allMatch(line -> line.strip().endsWith("{default}"));
    }

    assertThat(entries(cache.resolve("partner-center"))).isEmpty();
  }

  @Test
  void helpAndVersionAnywhereRecordNoArchiveButMapOne() throws Exception {
    for (List<String> args : List.of(
        List.of("purchase", "--help"),
        List.of("checkout", "-h"),
        List.of("cart", "--version"),
        List.of("order", "-V"),
        List.of("checkout", "--customer-id", CUSTOMER_ID, "--help"),
        List.of("help", "purchase"),
        List.of("generate-completion"))) {
      Run run = launcher(Map.of(), args.toArray(String[]::new));
      assertThat(run.exitCode()).as(args + ": " + run.stderr()).isZero();
      assertThat(entries(cache())).as(args.toString()).isEmpty();
    }

    Path archive = recordAnArchive();
    FileTime modified = Files.getLastModifiedTime(archive);
    Path classes = userHome.resolve("class-load.log");
    Run help =
        launcher(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + classes), "purchase", "--help");

    assertThat(help.exitCode()).as(help.stderr()).isZero();
    assertThat(Files.readAllLines(classes))
        .anyMatch(line ->
            line.contains("org.cspkit.partnercenter.cli.PartnerCenterCli " + FROM_APP_ARCHIVE));
    assertThat(entries(cache())).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(modified);
  }

  /** Two checkouts in a fresh cache: the first records the archive, the second keeps and maps it. */
  private Path recordAnArchive() throws Exception {
    for (int run = 0; run < 2; run++) {
      server.enqueue(json(201, ONE_ORDER));
      Run checkout = checkout(Map.of());
      assertThat(checkout.exitCode()).as(checkout.stderr()).isZero();
    }
    List<Path> entries = entries(cache());
    assertThat(entries).hasSize(1);
    assertThat(Files.isRegularFile(entries.get(0), LinkOption.NOFOLLOW_LINKS)).isTrue();
    return entries.get(0);
  }

  private void clearTheCache() throws IOException {
    for (Path entry : entries(cache())) {
      Files.delete(entry);
    }
  }

  private Path cache() {
    return userHome.resolve(".cache/partner-center");
  }

  private boolean runAsRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(userHome, "unix:uid"));
  }

  private Run checkout(Map<String, String> environment) throws Exception {
    return launcher(
        environment,
        "checkout",
        "--base-url",
        server.url("/").toString(),
        "--customer-id",
        CUSTOMER_ID,
        "--cart-id",
        CART_ID);
  }

  private Run launcher(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/partner-center").toString());
    command.addAll(Arrays.asList(args));
    return InstalledDistribution.run(userHome, environment, command);
  }
}
