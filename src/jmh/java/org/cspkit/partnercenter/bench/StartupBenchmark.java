package org.cspkit.partnercenter.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Cold start of one checkout against a local MockWebServer stub: wall time, CPU time (user +
 * system) and peak RSS (GNU time's %e, %U + %S and %M) of
 *
 * <ul>
 *   <li>the command line as {@code java -jar …-cli.jar checkout …};
 *   <li>the same command through the distribution's {@code bin/partner-center} launcher, with a
 *       fresh class-data-sharing cache: its first run (which records the archive) is reported on
 *       its own, then the runs that map the archive;
 *   <li>{@link RawHttpCheckout}, the same call with {@code HttpURLConnection};
 *   <li>{@link JdkHttpCheckout}, the same call with {@code java.net.http.HttpClient}.
 * </ul>
 *
 * <p>The four are run in turn, {@link #RUNS} times each after one warm-up round, so that a change
 * in the machine's load hits them alike. Prints one Markdown table per Java with the medians and
 * the ratios. Arguments: the -cli jar, the launcher, then the Java homes to measure on (default:
 * this JVM's).
 */
public final class StartupBenchmark {
  private static final int RUNS = 10;

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String cliJar = args[0];
    String launcher = args[1];
    List<String> javaHomes = args.length > 2
        ? List.of(args).subList(2, args.length)
        : List.of(System.getProperty("java.home"));
    String body = new String(Bodies.documentation(), StandardCharsets.UTF_8);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder()
              .code(201)
              .setHeader("Content-Type", "application/json")
              .body(body)
              .build();
        }
      });
      server.start(0);
      String base = server.url("/").toString();
      String url = server
          .url("/v1/customers/" + EndToEndBenchmark.CUSTOMER_ID + "/carts/"
              + EndToEndBenchmark.CART_ID + "/checkout")
          .toString();
      String classes = new File(RawHttpCheckout.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI())
          .getPath();
      List<String> checkout = List.of(
          "checkout",
          "--base-url",
          base,
          "--customer-id",
          EndToEndBenchmark.CUSTOMER_ID,
          "--cart-id",
          EndToEndBenchmark.CART_ID);
      for (String javaHome : javaHomes) {
        if (!javaHome.equals(javaHomes.get(0))
            && !Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
          System.out.println("(no Java at " + javaHome + ": skipped)");
          continue;
        }
        measureOn(javaHome, cliJar, launcher, classes, url, checkout);
      }
    }
  }

  private static void measureOn(
      String javaHome,
      String cliJar,
      String launcher,
      String classes,
      String url,
      List<String> checkout)
      throws Exception {
    String java = Path.of(javaHome, "bin", "java").toString();
    Path cache = Files.createTempDirectory("startup-cds");
    Map<String, String> environment =
        Map.of("JAVA_HOME", javaHome, "XDG_CACHE_HOME", cache.toString());

    List<String> plain = new ArrayList<>(List.of(java, "-jar", cliJar));
    plain.addAll(checkout);
    List<String> launched = new ArrayList<>(List.of(launcher));
    launched.addAll(checkout);
    List<String> raw =
        List.of(java, "-cp", classes, "org.cspkit.partnercenter.bench.RawHttpCheckout", url);
    List<String> jdkHttp =
        List.of(java, "-cp", classes, "org.cspkit.partnercenter.bench.JdkHttpCheckout", url);

    double[] launcherFirst = time(launched, environment);
    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    samples.put("java -jar", new ArrayList<>());
    samples.put("launcher", new ArrayList<>());
    samples.put("raw", new ArrayList<>());
    samples.put("java.net.http", new ArrayList<>());
    for (int run = 0; run <= RUNS; run++) {
      double[] p = time(plain, environment);
      double[] l = time(launched, environment);
      double[] r = time(raw, environment);
      double[] h = time(jdkHttp, environment);
      if (run > 0) {
        samples.get("java -jar").add(p);
        samples.get("launcher").add(l);
        samples.get("raw").add(r);
        samples.get("java.net.http").add(h);
      }
    }
    double[] jar = medians(samples.get("java -jar"));
    double[] cds = medians(samples.get("launcher"));
    double[] plainRaw = medians(samples.get("raw"));
    double[] plainJdkHttp = medians(samples.get("java.net.http"));
    String version = System.getProperty("java.version");
    try {
      version = Files.readAllLines(Path.of(javaHome, "release")).stream()
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .findFirst()
          .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .orElse(javaHome);
    } catch (java.io.IOException e) {
      version = javaHome;
    }
    System.out.println();
    System.out.println("Java " + version + " (" + javaHome + "), median of " + RUNS + " runs:");
    System.out.println();
    System.out.println("| program | wall time | CPU time | peak RSS |");
    System.out.println("|---|---|---|---|");
    row("`java -jar …-cli.jar checkout …`", jar);
    row("`bin/partner-center checkout …`, first run (records the archive)", launcherFirst);
    row("`bin/partner-center checkout …`, later runs (map the archive)", cds);
    row("raw HttpURLConnection program", plainRaw);
    row("raw java.net.http program", plainJdkHttp);
    ratio("launcher / java -jar", cds, jar);
    ratio("java -jar / raw", jar, plainRaw);
    ratio("launcher / raw", cds, plainRaw);
    ratio("java -jar / java.net.http", jar, plainJdkHttp);
    ratio("launcher / java.net.http", cds, plainJdkHttp);
  }

  /** A table row of the ratios of two programs' wall time, CPU time and peak RSS. */
  private static void ratio(String label, double[] of, double[] to) {
    System.out.printf(
        "| %s | %.2f | %.2f | %.2f |%n", label, of[0] / to[0], of[1] / to[1], of[2] / to[2]);
  }

  private static void row(String program, double[] figures) {
    System.out.printf(
        "| %s | %.3f s | %.3f s | %.0f MB |%n", program, figures[0], figures[1], figures[2] / 1024);
  }

  /** Wall seconds, CPU seconds and peak RSS in KB of one run. */
  private static double[] time(List<String> command, Map<String, String> environment)
      throws Exception {
    Path report = Files.createTempFile("time", ".txt");
    List<String> timed =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", report.toString()));
    timed.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timed)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PARTNER_CENTER_ACCESS_TOKEN", "startup-token");
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(environment);
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command + " exited with " + exit);
    }
    String[] fields = Files.readString(report).trim().split("\\s+", -1);
    int n = fields.length;
    Files.delete(report);
    return new double[] {
      Double.parseDouble(fields[n - 4]),
      Double.parseDouble(fields[n - 3]) + Double.parseDouble(fields[n - 2]),
      Double.parseDouble(fields[n - 1])
    };
  }

  private static double[] medians(List<double[]> runs) {
    double[] medians = new double[3];
    for (int i = 0; i < 3; i++) {
      int column = i;
      medians[i] =
          runs.stream().mapToDouble(run -> run[column]).sorted().toArray()[runs.size() / 2];
    }
    return medians;
  }
}
