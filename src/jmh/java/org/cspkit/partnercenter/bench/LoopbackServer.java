package org.cspkit.partnercenter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The loopback Partner Center of the end-to-end benchmarks, in a JVM of its own: the documented
 * bodies for checkout (201, the spec's {@code threeOrders}), createCart (201, {@code
 * newCommerceCart}) and getOrder (200, {@code azureSubscriptionOrder}), and 404 for anything else.
 * It runs apart so that {@code -prof gc} in the benchmark's JVM counts the client's allocation on
 * every thread the call uses and nothing of the server's; on two cores it still takes CPU from
 * the clients, alike for each.
 *
 * <p>The JDK's own server, with TCP_NODELAY: MockWebServer's separate header and body writes meet
 * delayed ACKs and cost every call about 40 ms, which would hide the clients.
 */
public final class LoopbackServer {
  private LoopbackServer() {}

  /** Serves on a free loopback port, prints {@code port N}, and exits when stdin closes. */
  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] checkout = resource("/three-orders.json");
    byte[] cart = resource("/new-commerce-cart.json");
    byte[] order = resource("/azure-subscription-order.json");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.endsWith("/checkout")) {
          answer(exchange, 201, checkout);
        } else if (method.equals("POST") && path.endsWith("/carts")) {
          answer(exchange, 201, cart);
        } else if (method.equals("GET") && path.contains("/orders/")) {
          answer(exchange, 200, order);
        } else {
          exchange.sendResponseHeaders(404, -1);
        }
      }
    });
    ExecutorService threads = Executors.newFixedThreadPool(64);
    server.setExecutor(threads);
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // Runs until the benchmark closes the pipe (or dies).
      }
    }
    server.stop(0);
    threads.shutdownNow();
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("MS-CV", "bench.1");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = LoopbackServer.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server in a new JVM on this one's class path; {@link Running#close()} stops it. */
  static Running start() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(
            java.toString(),
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            LoopbackServer.class.getName()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      process.destroyForcibly();
      throw new IOException("the loopback server did not start: " + line);
    }
    return new Running(process, "http://127.0.0.1:" + line.substring(5) + "/");
  }

  /** A server started by {@link #start()}. */
  static final class Running implements AutoCloseable {
    private final Process process;
    final String baseUrl;

    private Running(Process process, String baseUrl) {
      this.process = process;
      this.baseUrl = baseUrl;
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
