package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With no OpenTelemetry installed, calls work as before and the global instance is left unset. */
@Timeout(30)
class NoTelemetryTest {
  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void withNoOpenTelemetryInstalledCallsWorkAndSendNoTraceContext() throws Exception {
    Scripted.serve(
        server,
        null,
        Scripted.json(503, "{\"description\":\"Busy.\"}"),
        Scripted.json(201, ResponseMappingTest.ONE_ORDER),
        Scripted.json(201, ResponseMappingTest.ONE_ORDER));
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("no-telemetry-token")
        .retryOptions(FaultMatrixTest.FAST)
        .build();

    assertThat(client
            .carts()
            .checkout(ResponseMappingTest.CUSTOMER_ID, ResponseMappingTest.CART_ID)
            .orders())
        .hasSize(1);
    assertThat(client
            .carts()
            .checkoutAsync(ResponseMappingTest.CUSTOMER_ID, ResponseMappingTest.CART_ID)
            .get(10, TimeUnit.SECONDS)
            .orders())
        .hasSize(1);

    for (int i = 0; i < 3; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("traceparent")).isNull();
    }
    // The client looked the global instance up without setting it: the application may still
    // register its SDK.
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void anExplicitNoopOpenTelemetryRecordsNothing() throws Exception {
    Scripted.serve(server, null, Scripted.json(201, ResponseMappingTest.ONE_ORDER));
    PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("no-telemetry-token")
        .openTelemetry(OpenTelemetry.noop())
        .build();

    assertThat(client
            .carts()
            .checkoutAsync(ResponseMappingTest.CUSTOMER_ID, ResponseMappingTest.CART_ID)
            .get(10, TimeUnit.SECONDS)
            .orders())
        .hasSize(1);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("traceparent"))
        .isNull();
  }
}
