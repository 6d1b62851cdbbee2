package org.cspkit.partnercenter.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prism's mock server on the project's OpenAPI document, started from the pinned npm install
 * (openapi/node_modules): the {@code prism} script is spawned directly (no shell, no npx), the
 * port is polled until it accepts connections, and {@link #close()} ends the whole process tree.
 *
 * <p>The spec, the executable and the log file come from the system properties {@code
 * openapi.spec}, {@code prism.executable} and {@code prism.log} that the pom sets.
 */
public final class PrismServer implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private PrismServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Prism on a free loopback port and waits until it accepts connections.
   *
   * @return the running server
   * @throws IOException if Prism cannot be started or does not listen within a minute
   */
  public static PrismServer start() throws IOException {
    Path spec = Path.of(requiredProperty("openapi.spec"));
    Path executable = Path.of(requiredProperty("prism.executable"));
    Path log = Path.of(System.getProperty("prism.log", "target/prism.log"));
    if (!Files.isExecutable(executable)) {
      throw new IOException(executable + " is missing: run the Maven build, which installs Prism"
          + " from openapi/package-lock.json");
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    int port = freePort();
    Process process = new ProcessBuilder(List.of(
            executable.toString(),
            "mock",
            spec.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port)))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    PrismServer server = new PrismServer(process, port);
    try {
      server.awaitListening(log.toFile());
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The base URL to give the client.
   *
   * @return {@code http://127.0.0.1:PORT/}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Ends Prism and every process it started, then waits for them to exit. */
  @Override
  public void close() {
    List<ProcessHandle> tree = process.toHandle().descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : tree) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private void awaitListening(File log) throws IOException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("Prism exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for Prism", e);
        }
      }
    }
    throw new IOException(
        "Prism did not listen on port " + port + " within " + STARTUP_TIMEOUT + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (the pom sets it)");
    }
    return value;
  }
}
