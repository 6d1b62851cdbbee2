package org.cspkit.partnercenter.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Prints, from a JMH JSON result, each end-to-end benchmark's figures next to its floor's and the
 * ratio of the two: throughput, p50 and p99 latency, and bytes allocated per call. "Ours" is the
 * method {@code ourClient}; its floor is the method of the same class, operation and mode whose
 * name starts with {@code raw}; where there is a {@code decodedFloor} (the floor, then the body
 * decoded as the client decodes it), it gets two more columns. Argument: the result file (the
 * benchmarks profile writes {@code target/jmh-result.json}).
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
    // class, then operation and mode, then ours / floor / decoded floor
    Map<String, Map<String, Figures[]>> table = new TreeMap<>();
    for (Map<String, Object> run : runs) {
      String benchmark = (String) run.get("benchmark");
      int dot = benchmark.lastIndexOf('.');
      String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      int column = column(benchmark.substring(dot + 1));
      if (column < 0) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) run.get("params");
      String operation = params == null ? "checkout" : String.valueOf(params.get("operation"));
      Figures[] row = table
          .computeIfAbsent(type, t -> new TreeMap<>())
          .computeIfAbsent(operation + " " + run.get("mode"), k -> new Figures[3]);
      row[column] = figures(run);
    }
    for (Map.Entry<String, Map<String, Figures[]>> type : table.entrySet()) {
      System.out.println();
      System.out.println(type.getKey() + ":");
      System.out.println();
      System.out.println(
          "| operation | figure | ours | floor | ours / floor | floor + decode | ours / that |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (Map.Entry<String, Figures[]> row : type.getValue().entrySet()) {
        Figures[] figures = row.getValue();
        if (figures[0] == null || figures[1] == null) {
          continue;
        }
        String[] keys = row.getKey().split(" ", -1);
        if (keys[1].equals("thrpt")) {
          line(keys[0], "throughput, calls/ms", "%.2f", figures, Figures::score);
        } else {
          line(keys[0], "p50 latency, ms", "%.3f", figures, Figures::p50);
          line(keys[0], "p99 latency, ms", "%.3f", figures, Figures::p99);
        }
        line(keys[0], keys[1] + ": bytes/call", "%.0f", figures, Figures::allocated);
      }
    }
  }

  private static int column(String method) {
    if (method.equals("ourClient")) {
      return 0;
    }
    if (method.startsWith("raw")) {
      return 1;
    }
    return method.equals("decodedFloor") ? 2 : -1;
  }

  private static void line(
      String operation,
      String figure,
      String format,
      Figures[] figures,
      Function<Figures, Double> read) {
    Double ours = read.apply(figures[0]);
    Double floor = read.apply(figures[1]);
    if (ours == null || floor == null) {
      return;
    }
    Double decoded = figures[2] == null ? null : read.apply(figures[2]);
    System.out.println(String.join(
        " | ",
        "| " + operation,
        figure,
        String.format(Locale.ROOT, format, ours),
        String.format(Locale.ROOT, format, floor),
        String.format(Locale.ROOT, "%.2f", ours / floor),
        decoded == null ? "" : String.format(Locale.ROOT, format, decoded),
        (decoded == null ? "" : String.format(Locale.ROOT, "%.2f", ours / decoded)) + " |"));
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
