package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonWriter;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.OrderCollection;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.Scripted;
import org.junit.jupiter.api.Test;

/**
 * IDs and base URLs that a URL would not carry as given are refused before anything is sent;
 * messages read as sentences; the JSON a script reads keeps its empty arrays.
 */
class InputChecksTest {
  private static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessToken("checks-test-token")
        .build();
  }

  @Test
  void dotSegmentsAreNotOrderIdsAndNothingIsSent() {
    try (PartnerCenterClient client = client()) {
      for (String id : List.of(".", "..")) {
        assertThatThrownBy(() -> client.orders().get(CUSTOMER_ID, id))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId must be an ID")
            .hasMessageContaining("got '" + id + "'");
        assertThatThrownBy(() -> client
                .orders()
                .getProvisioningStatusAsync(CUSTOMER_ID, id, RequestOptions.defaults()))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderId");
      }
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBaseUrlWithAColonAndNoPortIsRefused() {
    for (String url : List.of("http://127.0.0.1:", "http://127.0.0.1:/", "https://[::1]:")) {
      assertThatThrownBy(() -> PartnerCenterClient.builder().baseUrl(url))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl must name its port");
    }
    PartnerCenterClient.builder().baseUrl("http://127.0.0.1:4010");
    PartnerCenterClient.builder().baseUrl("http://user:pass@127.0.0.1:4010/api");
    PartnerCenterClient.builder().baseUrl("https://[::1]/");
  }

  @Test
  void adviceAfterADescriptionThatEndsASentenceHasOnePeriod() {
    server.enqueue(Scripted.json(
        403,
        "{\"code\":900329,\"description\":\"This resource does not support application-only"
            + " authentication.\"}"));
    try (PartnerCenterClient client = client()) {
      assertThatThrownBy(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, "o-1"))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("application-only authentication. Order provisioning status")
          .message()
          .doesNotContain("..");
    }
  }

  @Test
  void emptyArraysAreWrittenOnlyWhereTheWriterAsks() throws Exception {
    OrderCollection none = OrderCollection.builder().totalCount(0).build();
    CartCheckoutResult clean = CartCheckoutResult.builder().build();
    var moshi = JsonSupport.newMoshi();

    assertThat(moshi.adapter(OrderCollection.class).toJson(none)).isEqualTo("{\"totalCount\":0}");
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonSupport.writeEmptyCollections(JsonWriter.of(buffer))) {
      writer.beginArray();
      moshi.adapter(OrderCollection.class).toJson(writer, none);
      moshi.adapter(CartCheckoutResult.class).toJson(writer, clean);
      writer.endArray();
    }
    assertThat(buffer.readUtf8())
        .isEqualTo("[{\"totalCount\":0,\"items\":[]},{\"orders\":[],\"orderErrors\":[]}]");
  }
}
