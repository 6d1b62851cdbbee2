package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;

/**
 * The server side of the fault matrix ({@link FaultMatrixTest}, {@link FaultRetryTest}): a
 * client with the matrix's short waits, the responses to serve in order, and the requests
 * received, which must all carry one {@code MS-RequestId} and the matrix's token.
 */
final class FaultMatrixServer {
  private final MockWebServer server;

  /** Arrival time (nanoTime) of each request, recorded by the server. */
  private final List<Long> arrivals = new ArrayList<>();

  FaultMatrixServer(MockWebServer server) {
    this.server = server;
  }

  PartnerCenterClient client() {
    return client(FaultMatrixTest.FAST, Duration.ofSeconds(10));
  }

  PartnerCenterClient client(RetryOptions retry, Duration readTimeout) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("fault-matrix-token")
        .retryOptions(retry)
        .readTimeout(readTimeout)
        .build();
  }

  void serve(MockResponse... responses) {
    Scripted.serve(server, arrivals, responses);
  }

  /** Takes every recorded request and checks that they all carried one MS-RequestId. */
  List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      requests.add(server.takeRequest(5, TimeUnit.SECONDS));
    }
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("MS-RequestId"))
        .containsOnly(requests.get(0).getHeaders().get("MS-RequestId"));
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsOnly("Bearer fault-matrix-token");
    return requests;
  }

  /** Milliseconds between the arrivals of two requests, counted from 0. */
  long gapMillis(int first, int second) {
    synchronized (arrivals) {
      return (arrivals.get(second) - arrivals.get(first)) / 1_000_000;
    }
  }
}
