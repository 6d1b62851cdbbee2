package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;

/** The version a tool prints is the one the client sends, and the one the build set. */
class ClientVersionTest {
  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void theHeaderTheClientSendsIsTheNameAndVersion() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body("{\"totalCount\":0,\"items\":[]}")
        .build());
    try (PartnerCenterClient client = ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("version-test-token")
        .build()) {
      client.orders().list(OperationsOnTheWireTest.CUSTOMER_ID);
    }
    RecordedRequest request = server.takeRequest();

    assertThat(request.getHeaders().get("MS-PartnerCenter-Client"))
        .isEqualTo(ClientVersion.clientHeader())
        .isEqualTo(ClientVersion.name() + "/" + ClientVersion.version());
  }

  @Test
  void theNameAndVersionAreTheBuildsOwn() {
    assertThat(ClientVersion.name()).isEqualTo("partner-center-purchase");
    assertThat(ClientVersion.version())
        .isNotBlank()
        .isEqualTo(System.getProperty("project.version"));
  }
}
