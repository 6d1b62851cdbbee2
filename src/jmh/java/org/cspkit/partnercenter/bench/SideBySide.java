package org.cspkit.partnercenter.bench;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.cspkit.partnercenter.PartnerCenterClient;

/**
 * What the end-to-end benchmarks run side by side for one operation: a {@link LoopbackServer} of
 * their own, our client on it, and the raw OkHttp floor sending the request our client sends
 * ({@link FloorRequest}).
 */
final class SideBySide implements AutoCloseable {
  final PartnerCenterClient client;
  final OkHttpClient okHttp;
  final FloorRequest floor;
  private final LoopbackServer.Running server;

  private SideBySide(String operation) throws Exception {
    server = LoopbackServer.start();
    client = PartnerCenterClient.builder()
        .baseUrl(server.baseUrl)
        .accessToken(PurchaseFlowBenchmark.TOKEN)
        .build();
    okHttp = FloorRequest.okHttp();
    floor = FloorRequest.capture(
        server.baseUrl, PurchaseFlowBenchmark.TOKEN, c -> PurchaseFlowBenchmark.call(c, operation));
  }

  /** Starts the server and the clients of {@code operation}. */
  static SideBySide start(String operation) throws Exception {
    return new SideBySide(operation);
  }

  /** One blocking call of the floor; the caller reads and closes the response. */
  Response floorCall() throws IOException {
    Response response = okHttp.newCall(floor.next()).execute();
    if (!response.isSuccessful()) {
      response.close();
      throw new IllegalStateException("status " + response.code());
    }
    return response;
  }

  @Override
  public void close() throws Exception {
    client.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }
}
