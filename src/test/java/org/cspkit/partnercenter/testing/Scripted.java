package org.cspkit.partnercenter.testing;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Scripts a MockWebServer: responses in order, one response forever, JSON responses. */
public final class Scripted {
  private Scripted() {}

  /**
   * A response with a JSON body.
   *
   * @param code the status
   * @param body the body
   * @return the response
   */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  /**
   * Serves {@code responses} in order, then 500s, and records when each request arrived.
   *
   * @param server the server
   * @param arrivals receives {@link System#nanoTime()} per request (synchronized on itself), or
   *     null
   * @param responses the responses
   */
  public static void serve(MockWebServer server, List<Long> arrivals, MockResponse... responses) {
    BlockingQueue<MockResponse> queue = new LinkedBlockingQueue<>(List.of(responses));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (arrivals != null) {
          synchronized (arrivals) {
            arrivals.add(System.nanoTime());
          }
        }
        MockResponse next = queue.poll();
        return next != null ? next : json(500, "{\"description\":\"no response left\"}");
      }
    });
  }

  /**
   * Answers every request with {@code response}.
   *
   * @param server the server
   * @param response the response
   */
  public static void serveForever(MockWebServer server, MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }
}
