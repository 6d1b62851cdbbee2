package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that closes its connections once idle: a pooled connection it had already closed costs
 * the caller no attempt, sends nothing, and the call ends with the most informative failure.
 */
@Timeout(60)
class StaleConnectionTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  private static final String CART_ID = ResponseMappingTest.CART_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  /** A 503 after which the server closes the connection, as one whose keep-alive has ended. */
  private static MockResponse busyThenClosed() {
    return Scripted.json(503, "{\"description\":\"Busy.\"}")
        .newBuilder()
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
        .build();
  }

  @Test
  void aPooledConnectionTheServerClosedCostsNoAttemptAndTheLast503IsTheError() {
    Scripted.serveForever(server, busyThenClosed());
    RetryOptions retries = RetryOptions.builder()
        .maxAttempts(4)
        .initialDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(100))
        .deadline(Duration.ofSeconds(30))
        .build();
    try (PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("stale-test-token")
        .retryOptions(retries)
        .build()) {
      ServerErrorException e = catchThrowableOfType(
          ServerErrorException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));

      assertThat(e).as("the final error").isNotNull();
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(server.getRequestCount()).as("requests the server read").isEqualTo(4);
      assertThat(e.attempts())
          .hasSize(4)
          .allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(503));
      assertThat(e.mayHaveSucceeded()).isFalse();
    }
  }

  @Test
  void anIdleHttp2ConnectionIsNotReadByTheCheck() throws Exception {
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    Scripted.serveForever(server, Scripted.json(201, ResponseMappingTest.ONE_ORDER));
    OkHttpClient h2 = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .build();
    try (PartnerCenterClient client = ContractValidator.client()
        .httpClient(h2)
        .baseUrl(server.url("/").toString())
        .accessToken("stale-test-token")
        .build()) {
      client.carts().checkout(CUSTOMER_ID, CART_ID);
      // Idle for longer than the check's threshold, on the connection's own reader thread.
      Thread.sleep(100);
      RequestOptions fifteenSeconds = RequestOptions.builder()
          .retryOptions(RetryOptions.builder().deadline(Duration.ofSeconds(15)).build())
          .build();
      assertThat(client
              .carts()
              .checkoutAsync(CUSTOMER_ID, CART_ID, CheckoutParams.none(), fifteenSeconds))
          .succeedsWithin(Duration.ofSeconds(30));
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
