package org.cspkit.partnercenter.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, from a JMH JSON result, each end-to-end benchmark's figures next to its floor's and the
 * ratio of the two: throughput, p50 and p99 latency, and bytes allocated per call. "Ours" is the
 * method {@code ourClient}; its floor is the method of the same class, operation and mode whose
 * name starts with {@code raw}. Argument: the result file (the benchmarks profile writes
 * {@code target/jmh-result.json}).
 */
public final class RatioReport {
  private RatioReport() {}

  /** One benchmark's figures in one mode. */
  private record Figures(double score, Double p50, Double p99, Double allocated) {}

  public static void main(String[] args) throws Exception {
    JsonAdapter<List<Map<String, Object>>> adapter = new Moshi.Builder()
        .build()
        .adapter(Types.newParameterizedType(
            List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    List<Map<String, Object>> runs = adapter.fromJson(Files.readString(Path.of(args[0])));
    // class, then operation and mode, then ours / floor
    Map<String, Map<String, Figures[]>> table = new TreeMap<>();
    for (Map<String, Object> run : runs) {
      String benchmark = (String) run.get("benchmark");
      int dot = benchmark.lastIndexOf('.');
      String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      String method = benchmark.substring(dot + 1);
      boolean ours = method.equals("ourClient");
      if (!ours && !method.startsWith("raw")) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) run.get("params");
      String key = (params == null ? "checkout" : String.valueOf(params.get("operation"))) + " "
          + run.get("mode");
      table.computeIfAbsent(type, t -> new TreeMap<>())
              .computeIfAbsent(key, k -> new Figures[2])[ours ? 0 : 1] =
          figures(run);
    }
    for (Map.Entry<String, Map<String, Figures[]>> type : table.entrySet()) {
      System.out.println();
      System.out.println(type.getKey() + " (ours / floor):");
      System.out.println();
      System.out.println("| operation | mode | ours | floor | ratio |");
      System.out.println("|---|---|---|---|---|");
      for (Map.Entry<String, Figures[]> row : type.getValue().entrySet()) {
        Figures ours = row.getValue()[0];
        Figures floor = row.getValue()[1];
        if (ours == null || floor == null) {
          continue;
        }
        String[] keys = row.getKey().split(" ", -1);
        String op = keys[0];
        if (keys[1].equals("thrpt")) {
          line(op, "throughput, calls/ms", ours.score(), floor.score(), "%.2f");
        } else {
          line(op, "p50 latency, ms", ours.p50(), floor.p50(), "%.3f");
          line(op, "p99 latency, ms", ours.p99(), floor.p99(), "%.3f");
        }
        line(op, keys[1] + ": bytes allocated/call", ours.allocated(), floor.allocated(), "%.0f");
      }
    }
  }

  private static void line(String op, String what, Double ours, Double floor, String format) {
    if (ours == null || floor == null) {
      return;
    }
    System.out.printf(
        "| %s | %s | " + format + " | " + format + " | %.2f |%n",
        op,
        what,
        ours,
        floor,
        ours / floor);
  }

  @SuppressWarnings("unchecked")
  private static Figures figures(Map<String, Object> run) {
    Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
    Map<String, Object> percentiles = (Map<String, Object>) primary.get("scorePercentiles");
    Map<String, Object> secondary = (Map<String, Object>) run.get("secondaryMetrics");
    Double allocated = null;
    if (secondary != null && secondary.get("gc.alloc.rate.norm") != null) {
      allocated = number(((Map<String, Object>) secondary.get("gc.alloc.rate.norm")).get("score"));
    }
    boolean sampled = "sample".equals(run.get("mode"));
    return new Figures(
        number(primary.get("score")),
        sampled ? number(percentiles.get("50.0")) : null,
        sampled ? number(percentiles.get("99.0")) : null,
        allocated);
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
