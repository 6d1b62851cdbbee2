package org.cspkit.partnercenter.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A whole checkout on loopback against an in-process server answering the documented 201: our
 * client; the floor, a raw OkHttp POST that only reads the bytes; and what users are told to do
 * instead, java.net.http.HttpClient + Jackson. One caller; {@link EndToEndConcurrentBenchmark}
 * runs the same with 16.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class EndToEndBenchmark {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";

  private HttpServer server;
  private java.util.concurrent.ExecutorService serverThreads;
  private String url;
  private PartnerCenterClient client;
  private OkHttpClient okHttp;
  private HttpClient jdkHttp;
  private ObjectMapper jackson;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // The JDK's own server, with TCP_NODELAY: MockWebServer's separate header and body writes
    // meet delayed ACKs and cost every call about 40 ms, which would hide the clients.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = Bodies.documentation();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(201, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    serverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(serverThreads);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    url = base + "v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout";
    client = PartnerCenterClient.builder()
        .baseUrl(base)
        .accessToken("benchmark-token")
        .build();
    okHttp = new OkHttpClient();
    jdkHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    jackson = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    server.stop(0);
    // Its threads are not daemons: left running, they keep each JMH fork alive 30 s more.
    serverThreads.shutdownNow();
  }

  @Benchmark
  public CartCheckoutResult ourClient() {
    return client.carts().checkout(CUSTOMER_ID, CART_ID);
  }

  @Benchmark
  public byte[] rawOkHttpFloor() throws Exception {
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer benchmark-token")
        .post(RequestBody.create(new byte[0]))
        .build();
    try (Response response = okHttp.newCall(request).execute()) {
      return response.body().bytes();
    }
  }

  @Benchmark
  public PlainModels.CartCheckoutResult jdkHttpClientJackson() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer benchmark-token")
        .header("Accept", "application/json")
        .header("MS-RequestId", UUID.randomUUID().toString())
        .header("MS-CorrelationId", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<byte[]> response = jdkHttp.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("status " + response.statusCode());
    }
    return jackson.readValue(response.body(), PlainModels.CartCheckoutResult.class);
  }
}
