package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** What goes on the wire: the exact request, the IDs, and what is rejected before sending. */
class CheckoutRequestTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String TOKEN = ResponseMappingTest.TOKEN;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client() {
    return ResponseMappingTest.clientFor(server);
  }

  private void enqueue(int code, String body) {
    ResponseMappingTest.enqueueJson(server, code, body);
  }

  @Test
  void sendsExactlyTheDocumentedRequest() throws Exception {
    enqueue(201, ONE_ORDER);

    client().carts().checkout(CUSTOMER_ID, CART_ID);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget())
        .isEqualTo("/v1/customers/" + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout");
    assertThat(request.getBodySize()).isZero();
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo("0");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(UUID.fromString(request.getHeaders().get("MS-RequestId"))).isNotNull();
    assertThat(UUID.fromString(request.getHeaders().get("MS-CorrelationId"))).isNotNull();
    assertThat(request.getHeaders().get("X-Locale")).isEqualTo("en-US");
    // The version comes from the pom through the build, never from a constant in the code.
    assertThat(request.getHeaders().get("MS-PartnerCenter-Client"))
        .isEqualTo("partner-center-purchase/" + System.getProperty("project.version"))
        .matches("partner-center-purchase/\\d+\\.\\d+\\.\\d+.*");
    assertThat(request.getHeaders().get("MS-Contract-Version")).isEqualTo("v1");
    assertThat(request.getHeaders().get("User-Agent"))
        .startsWith(request.getHeaders().get("MS-PartnerCenter-Client") + " (Java ");
    // Nothing else but what HTTP itself needs: no application name or UPN unless configured.
    assertThat(request.getHeaders().names())
        .containsExactlyInAnyOrder(
            "Authorization",
            "Accept",
            "MS-RequestId",
            "MS-CorrelationId",
            "X-Locale",
            "MS-PartnerCenter-Client",
            "MS-Contract-Version",
            "User-Agent",
            "Content-Length",
            "Host",
            "Connection",
            "Accept-Encoding");
  }

  @Test
  void sendsTheCallersIdsLocaleApplicationAndCustomerUser() throws Exception {
    enqueue(201, ONE_ORDER);
    UUID requestId = UUID.randomUUID();
    UUID correlationId = UUID.randomUUID();
    PartnerCenterClient client = client()
        .newBuilder()
        .locale(Locale.forLanguageTag("de-DE"))
        .applicationName("Contoso control panel")
        .build();

    client
        .carts()
        .checkout(
            CUSTOMER_ID,
            CART_ID,
            CheckoutParams.builder()
                .customerUserUpn("adele.vance@contoso.onmicrosoft.com")
                .build(),
            RequestOptions.builder()
                .requestId(requestId)
                .correlationId(correlationId)
                .build());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("MS-RequestId")).isEqualTo(requestId.toString());
    assertThat(request.getHeaders().get("MS-CorrelationId")).isEqualTo(correlationId.toString());
    assertThat(request.getHeaders().get("X-Locale")).isEqualTo("de-DE");
    assertThat(request.getHeaders().get("MS-PartnerCenter-Application"))
        .isEqualTo("Contoso control panel");
    assertThat(request.getHeaders().get("x-ms-customeruser-upn"))
        .isEqualTo("adele.vance@contoso.onmicrosoft.com");
  }

  @Test
  void eachCallGetsANewRequestIdAndCorrelationId() throws Exception {
    enqueue(201, ONE_ORDER);
    enqueue(201, ONE_ORDER);
    PartnerCenterClient client = client();

    client.carts().checkout(CUSTOMER_ID, CART_ID);
    client.carts().checkout(CUSTOMER_ID, CART_ID);

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getHeaders().get("MS-RequestId"))
        .isNotEqualTo(first.getHeaders().get("MS-RequestId"));
    assertThat(second.getHeaders().get("MS-CorrelationId"))
        .isNotEqualTo(first.getHeaders().get("MS-CorrelationId"));
  }

  @Test
  void anIdThatIsNotAGuidIsRejectedBeforeAnythingIsSent() {
    PartnerCenterClient client = client();

    assertThatThrownBy(() -> client.carts().checkout("contoso", CART_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId")
        .hasMessageContaining("'contoso'");
    assertThatThrownBy(
            () -> client.carts().checkout(CUSTOMER_ID, "b4c8fdea-cbe4-4d17-9576-13fcacbf960"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartId");
    assertThatThrownBy(() -> client.carts().checkout(CUSTOMER_ID, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartId");
    // UUID.fromString would accept this one; Partner Center would not.
    assertThatThrownBy(() -> client.carts().checkoutAsync("1-2-3-4-5", CART_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    // Fullwidth digits are digits to Character.digit, not to Partner Center.
    assertThatThrownBy(() -> client.carts().checkout("\uff10" + CUSTOMER_ID.substring(1), CART_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theBuilderRejectsBadSettings() {
    PartnerCenterClientBuilder builder = PartnerCenterClient.builder();

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("access token");
    assertThatThrownBy(() -> builder.baseUrl("https://api.partnercenter.microsoft.com/v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/v1");
    assertThatThrownBy(() -> builder.baseUrl("ftp://example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.accessToken(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.applicationName("Contoso\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> CheckoutParams.builder().customerUserUpn("not a upn").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartnerCenterCloud.fromName("germany"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retired");
  }

  @Test
  void namedCloudsSendToTheirApiHost() {
    PartnerCenterClient china = PartnerCenterClient.builder()
        .cloud(PartnerCenterCloud.CHINA_21VIANET)
        .accessToken(TOKEN)
        .build();

    assertThat(china
            .carts()
            .previewCheckout(CUSTOMER_ID, CART_ID, CheckoutParams.none(), RequestOptions.defaults())
            .url())
        .hasToString("https://partner.partnercenterapi.microsoftonline.cn/v1/customers/"
            + CUSTOMER_ID + "/carts/" + CART_ID + "/checkout");
    assertThat(PartnerCenterClient.builder().accessToken(TOKEN).build().baseUrl())
        .hasToString("https://api.partnercenter.microsoft.com/");
    assertThat(PartnerCenterCloud.US_GOVERNMENT.authorityHost())
        .isEqualTo("https://login.microsoftonline.us");
  }
}
