package org.cspkit.partnercenter;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;

/**
 * What the tests of the operations and of the provisioning wait on MockWebServer share: the client
 * they call, a quick wait's settings, and the status answers its polls get.
 */
final class WireFixtures {
  static final ProvisioningWaitOptions QUICK = ProvisioningWaitOptions.builder()
      .initialInterval(Duration.ofMillis(10))
      .maxInterval(Duration.ofMillis(40))
      .timeout(Duration.ofSeconds(20))
      .build();

  private WireFixtures() {}

  /** A client of {@code server}, its traffic checked against the spec, with fast retries. */
  static PartnerCenterClient client(MockWebServer server) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("wire-token")
        .retryOptions(FaultMatrixTest.FAST)
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A getOrderProvisioningStatus answer: one line item, with one quantity, in that status. */
  static MockResponse statuses(String status) {
    return Scripted.json(
        200,
        "{\"totalCount\":1,\"items\":[{\"lineItemNumber\":0,\"status\":\"" + status
            + "\",\"quantityProvisioningInformation\":[{\"quantity\":1,\"status\":\"" + status
            + "\"}]}]}");
  }
}
