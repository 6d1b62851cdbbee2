package org.cspkit.partnercenter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The requests a MockWebServer received, taken in the order they arrived. Not thread-safe. */
public final class RequestLog {
  private final MockWebServer server;
  /** Requests already returned by {@link #newRequests()}. */
  private int taken;

  /**
   * A log of {@code server}'s requests.
   *
   * @param server the server, started or not
   */
  public RequestLog(MockWebServer server) {
    this.server = server;
  }

  /**
   * The requests that arrived since the last call, in order.
   *
   * @return the requests
   * @throws InterruptedException if interrupted while taking one
   */
  public List<RecordedRequest> newRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = server.getRequestCount() - taken; i > 0; i--, taken++) {
      requests.add(server.takeRequest(5, TimeUnit.SECONDS));
    }
    return requests;
  }
}
