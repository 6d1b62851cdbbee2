package org.cspkit.partnercenter.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Cold start: wall time and peak RSS (GNU time's %e and %M) of a command-line checkout against a
 * local server, compared with {@link RawHttpCheckout}, each run 10 times after one warm-up run.
 * Prints a Markdown table with the medians and their ratio.
 */
public final class StartupBenchmark {
  private static final int RUNS = 10;

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String cliJar = args[0];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String body = new String(Bodies.documentation(), StandardCharsets.UTF_8);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder().code(201)
              .setHeader("Content-Type", "application/json").body(body).build();
        }
      });
      server.start(0);
      String base = server.url("/").toString();
      String url = server.url("/v1/customers/" + EndToEndBenchmark.CUSTOMER_ID + "/carts/"
          + EndToEndBenchmark.CART_ID + "/checkout").toString();
      String classes = new File(RawHttpCheckout.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).getPath();
      double[] cli = measure(List.of(java, "-jar", cliJar, "checkout", "--base-url", base,
          "--customer-id", EndToEndBenchmark.CUSTOMER_ID, "--cart-id", EndToEndBenchmark.CART_ID));
      double[] raw = measure(List.of(java, "-cp", classes,
          "org.cspkit.partnercenter.bench.RawHttpCheckout", url));
      System.out.println();
      System.out.println("| program (median of " + RUNS + ") | wall time | peak RSS |");
      System.out.println("|---|---|---|");
      System.out.printf("| partner-center checkout (cli jar) | %.3f s | %.0f MB |%n", cli[0], cli[1] / 1024);
      System.out.printf("| raw HttpURLConnection program | %.3f s | %.0f MB |%n", raw[0], raw[1] / 1024);
      System.out.printf("| ratio | %.2f | %.2f |%n", cli[0] / raw[0], cli[1] / raw[1]);
    }
  }

  /** Median wall seconds and median peak RSS in KB over {@link #RUNS} runs. */
  private static double[] measure(List<String> command) throws Exception {
    List<Double> walls = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    Path report = Files.createTempFile("time", ".txt");
    for (int run = 0; run <= RUNS; run++) {
      List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o",
          report.toString()));
      timed.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("PARTNER_CENTER_ACCESS_TOKEN", "startup-token");
      int exit = builder.start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(command + " exited with " + exit);
      }
      if (run == 0) {
        continue;
      }
      String[] fields = Files.readString(report).trim().split("\\s+", -1);
      walls.add(Double.parseDouble(fields[fields.length - 2]));
      rss.add(Double.parseDouble(fields[fields.length - 1]));
    }
    walls.sort(null);
    rss.sort(null);
    return new double[] {walls.get(RUNS / 2), rss.get(RUNS / 2)};
  }
}
