package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.Attempt;
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
      assertThat(e.attempts().stream().filter(a -> a.statusCode() == 503)).hasSize(4);
      assertThat(e.attempts())
          .filteredOn(a -> a.statusCode() == 0)
          .allSatisfy(a -> assertThat(a.outcome()).contains("closed by the server"))
          .noneMatch(Attempt::mayHaveSucceeded);
      assertThat(e.mayHaveSucceeded()).isFalse();
    }
  }
}
