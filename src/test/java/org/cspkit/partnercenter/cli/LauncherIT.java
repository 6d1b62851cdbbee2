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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.cli.InstalledDistribution.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sh launcher's process and its class-data-sharing archive, through the unpacked distribution
 * as {@link DistributionIT} runs it: a stop request stops the command on the run that records the
 * archive; the user's own class-data-sharing options take over; help and version output never
 * records an archive; and what is not the launcher's to use (a directory, another user's file or
 * directory, a path the JVM cannot take) is neither used nor touched.
 */
class LauncherIT {
  private static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  private static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  private static final String ITEM = "CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5,billing=monthly,term=P1Y";
  private static final String CART = "{\"id\":\"" + CART_ID + "\",\"status\":\"Active\","
      + "\"lineItems\":[{\"id\":0,\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\","
      + "\"quantity\":1,\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\"}]}";
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

  @ParameterizedTest(name = "SIG{0}: exit {1}")
  @CsvSource({"TERM, 143", "INT, 130"})
  void aStopRequestStopsThePurchaseOnTheRunThatRecordsTheArchive(String signal, int exitCode)
      throws Exception {
    CountDownLatch cartRequested = new CountDownLatch(1);
    CountDownLatch answerTheCart = new CountDownLatch(1);
    List<String> requests = new CopyOnWriteArrayList<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        requests.add(request.getMethod() + " " + path);
        if (path.endsWith("/carts")) {
          cartRequested.countDown();
          // Held until the command has stopped, or the test has given up waiting for that.
          answerTheCart.await(3, TimeUnit.MINUTES);
          return json(201, CART);
        }
        return path.endsWith("/checkout") ? json(201, ONE_ORDER) : json(404, "{}");
      }
    });
    List<String> command = InstalledDistribution.signalsAtDefault(List.of(
        home.resolve("bin/partner-center").toString(),
        "purchase",
        "--customer-id",
        CUSTOMER_ID,
        "--item",
        ITEM,
        "--base-url",
        server.url("/").toString()));
    Path stderr = Files.createTempFile(userHome, "stderr", ".txt");
    // A fresh cache: this run records the archive.
    Process purchase = InstalledDistribution.builder(
            userHome, Map.of("PARTNER_CENTER_ACCESS_TOKEN", "any"), command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile())
        .start();
    try {
      assertThat(cartRequested.await(2, TimeUnit.MINUTES))
          .as("the cart request")
          .isTrue();
      Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(purchase.pid()))
          .inheritIO()
          .start();
      assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
      boolean stopped = purchase.waitFor(60, TimeUnit.SECONDS);
      answerTheCart.countDown();
      assertThat(purchase.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(stopped)
          .as(
              "stopped by SIG%s; exit code %d, requests %s, stderr: %s",
              signal, purchase.exitValue(), requests, Files.readString(stderr))
          .isTrue();
      assertThat(purchase.exitValue()).isEqualTo(exitCode);
      assertThat(requests).singleElement().asString().endsWith("/carts");
    } finally {
      answerTheCart.countDown();
      purchase.destroyForcibly();
    }
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

  @Test
  void onJava17ARecordingUnderWayIsLeftAloneAndAFailedOneIsRecordedAgain() throws Exception {
    assumeTrue(
        Runtime.version().feature() < 19,
        "Java 17 and 18 record through a link to a file named for the recording process");
    Path archive = recordAnArchive();
    String name = archive.getFileName().toString();
    clearTheCache();
    // A run still going (this JVM, say) links the archive's name to the file its JVM writes.
    Path running = Path.of(name + "." + ProcessHandle.current().pid() + ".partial");
    Files.createSymbolicLink(archive, running);
    Files.writeString(cache().resolve(running), "half-written");

    Path classes = userHome.resolve("class-load.log");
    server.enqueue(json(201, ONE_ORDER));
    Run meanwhile = checkout(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + classes));

    assertThat(meanwhile.exitCode()).as(meanwhile.stderr()).isZero();
    assertThat(meanwhile.stderr()).isEmpty();
    assertThat(Files.readAllLines(classes)).noneMatch(line -> line.contains(FROM_APP_ARCHIVE));
    assertThat(entries(cache())).containsExactly(archive, cache().resolve(running));
    assertThat(Files.readSymbolicLink(archive)).isEqualTo(running);
    assertThat(Files.readString(cache().resolve(running))).isEqualTo("half-written");

    // Once its process is gone, the file that no JVM can map goes, and this run records again.
    Process finished = new ProcessBuilder("true").start();
    assertThat(finished.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path gone = Path.of(name + "." + finished.pid() + ".partial");
    Files.move(cache().resolve(running), cache().resolve(gone));
    Files.delete(archive);
    Files.createSymbolicLink(archive, gone);
    server.enqueue(json(201, ONE_ORDER));
    Run recording = checkout(Map.of());

    assertThat(recording.exitCode()).as(recording.stderr()).isZero();
    assertThat(recording.stderr()).isEmpty();
    assertThat(Files.readSymbolicLink(archive)).isNotEqualTo(gone);
    assertThat(entries(cache())).hasSize(2).doesNotContain(cache().resolve(gone));
    server.enqueue(json(201, ONE_ORDER));
    assertThat(checkout(Map.of()).exitCode()).isZero();
    assertThat(entries(cache())).containsExactly(archive);
    assertThat(Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)).isTrue();
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
