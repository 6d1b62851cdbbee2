package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.stream.Stream;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderStatus;
import org.cspkit.partnercenter.model.OrderTransactionType;
import org.cspkit.partnercenter.testing.PreferClients;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against Prism serving openapi/partner-center-purchase.yaml: what the spec's examples
 * decode into, and which exception each error example becomes. Prism validates every request
 * against the spec; a request it flags (sl-violations header) fails the test.
 */
@ExtendWith(PrismExtension.class)
class PrismCheckoutTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";

  private final PreferClients clients = new PreferClients();

  @AfterEach
  void requestsMatchedTheSpec() {
    clients.assertNone();
  }

  /** A client whose requests carry {@code Prefer}, Prism's way to pick a response. */
  private PartnerCenterClient client(PrismServer prism, String prefer) {
    return clients.client(prism, prefer);
  }

  @Test
  void theDocumentedExampleDecodesIntoItsThreeOrders(PrismServer prism) {
    CartCheckoutResult result = client(prism, "code=201").carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders())
        .extracting(
            Order::id,
            Order::alternateId,
            Order::billingCycle,
            Order::status,
            Order::currencyCode,
            Order::currencySymbol,
            Order::transactionType)
        .containsExactly(
            tuple(
                "3c6f2530-1e31-4088-8230-dd1c31a18bce",
                "3c6f2530-1e31-4088-8230-dd1c31a18bce",
                BillingCycleType.MONTHLY,
                OrderStatus.COMPLETED,
                "USD",
                null,
                OrderTransactionType.USER_PURCHASE),
            tuple(
                "311qiN8iFwkv-XARWMvXRYAwYKMACVqv1",
                "0a3624c6e47d",
                BillingCycleType.ONE_TIME,
                OrderStatus.PENDING,
                "USD",
                "$",
                OrderTransactionType.USER_PURCHASE),
            tuple(
                "HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71",
                "55a4e6854d54",
                BillingCycleType.MONTHLY,
                OrderStatus.PENDING,
                "USD",
                "$",
                OrderTransactionType.USER_PURCHASE));
    assertThat(result.orders()).allSatisfy(order -> {
      assertThat(order.referenceCustomerId()).isEqualTo("28045616-f6b9-462f-9701-0d89b5e65c44");
      assertThat(order.links().self().uri()).endsWith("/orders/" + order.id());
      assertThat(order.attributes().objectType()).isEqualTo("Order");
    });
    assertThat(result.orders().get(0).creationDate())
        .isEqualTo(OffsetDateTime.parse("2019-01-16T00:48:44.76+00:00"));
    assertThat(result.orders().get(1).creationDate())
        .isEqualTo(OffsetDateTime.parse("2019-01-16T00:48:51.6578126Z"));

    assertThat(result.orders().get(0).lineItems())
        .extracting(
            OrderLineItem::lineItemNumber,
            OrderLineItem::offerId,
            OrderLineItem::subscriptionId,
            OrderLineItem::termDuration,
            OrderLineItem::friendlyName,
            OrderLineItem::quantity)
        .containsExactly(tuple(
            0,
            "MS-AZR-0145P",
            "EF2E1307-86E6-40E3-A794-872403FBD31C",
            "P1Y",
            "Microsoft Azure",
            1));
    assertThat(result.orders().get(1).lineItems())
        .extracting(
            OrderLineItem::lineItemNumber,
            OrderLineItem::offerId,
            OrderLineItem::subscriptionId,
            OrderLineItem::termDuration,
            OrderLineItem::friendlyName,
            OrderLineItem::quantity)
        .containsExactly(
            tuple(
                0,
                "DZH318Z0BQ36:004G:DZH318Z08C0S",
                null,
                "P1Y",
                "Reserved VM Instance, Standard_NV12, US East 2, 1 Year",
                1),
            tuple(
                1,
                "DZH318Z0BQ36:004J:DZH318Z08B8X",
                null,
                "P3Y",
                "Reserved VM Instance, Standard_NV12, US East 2, 3 Years",
                1),
            tuple(
                2, "DG7GMGF0DWM3:0002:DG7GMGF0DT1M", null, null, "BizTalk Server 2016 Branch", 1));
    assertThat(result.orders().get(2).lineItems())
        .extracting(
            OrderLineItem::offerId, OrderLineItem::termDuration, OrderLineItem::friendlyName)
        .containsExactly(
            tuple("DZH318Z0BXWC:0002:DZH318Z0BMRV", "P1M", "Barracuda WaaS - Medium Plan"));
    assertThat(result.orderErrors()).isEmpty();
    assertThat(result.attributes().objectType()).isEqualTo("CartCheckoutResult");
  }

  @Test
  void a200RepeatedCheckoutIsASuccessToo(PrismServer prism) {
    CartCheckoutResult result = client(prism, "code=200").carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders())
        .extracting(Order::id)
        .containsExactly(
            "3c6f2530-1e31-4088-8230-dd1c31a18bce",
            "311qiN8iFwkv-XARWMvXRYAwYKMACVqv1",
            "HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71");
  }

  @Test
  void aPartialFailureReturnsTheOrdersAndTheOrderErrors(PrismServer prism) {
    CartCheckoutResult result =
        client(prism, "code=201, example=partialFailure").carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).singleElement().satisfies(order -> {
      assertThat(order.id()).isEqualTo("a68736758d9c");
      assertThat(order.totalPrice()).isEqualByComparingTo(new BigDecimal("182.40"));
    });
    assertThat(result.orderErrors()).singleElement().satisfies(error -> {
      assertThat(error.orderGroupId()).isEqualTo("1");
      assertThat(error.code()).isEqualTo(800020);
      assertThat(error.description()).contains("not eligible for purchase");
    });
  }

  @Test
  void theNewCommerceExampleDecodesPricingContextAndRenewal(PrismServer prism) {
    CartCheckoutResult result =
        client(prism, "code=201, example=newCommerceOrder").carts().checkout(CUSTOMER_ID, CART_ID);

    OrderLineItem item = result.orders().get(0).lineItems().get(0);
    assertThat(item.pricing().extendedPrice()).isEqualByComparingTo("36.48");
    assertThat(item.provisioningContext()).containsEntry("scope", "shared");
    assertThat(item.renewsTo().termDuration()).isEqualTo("P1M");
    assertThat(item.customTermEndDate()).isEqualTo(OffsetDateTime.parse("2023-05-17T00:00:00Z"));
    assertThat(item.attestationAccepted()).isTrue();
    assertThat(result.orders().get(0).links().patchOperation().method()).isEqualTo("PATCH");
  }

  static Stream<Arguments> errorExamples() {
    return Stream.of(
        Arguments.of(
            "code=400, example=alreadySubmitted",
            BadRequestException.class,
            400,
            800065,
            "Cannot checkout an already submitted cart."),
        Arguments.of(
            "code=400, example=customerIdNotGuid",
            BadRequestException.class,
            400,
            2000,
            "Tenant Id must be a GUID."),
        Arguments.of(
            "code=401",
            AuthenticationException.class,
            401,
            800001,
            "Partner token is missing in the request context."),
        Arguments.of(
            "code=403",
            ForbiddenException.class,
            403,
            20002,
            "Partner does not have a commerce relationship with the customer."),
        Arguments.of(
            "code=404",
            NotFoundException.class,
            404,
            800008,
            "Unable to retrieve cart ID b4c8fdea-cbe4-4d17-9576-13fcacbf9605."),
        Arguments.of(
            "code=409",
            ConflictException.class,
            409,
            800064,
            "Cart b4c8fdea-cbe4-4d17-9576-13fcacbf9605 is being processed by another request."),
        Arguments.of(
            "code=429",
            ThrottledException.class,
            429,
            null,
            "Rate limit is exceeded. Try again in 57 seconds."),
        Arguments.of(
            "code=500",
            ServerErrorException.class,
            500,
            800005,
            "Create order was not successful."),
        Arguments.of(
            "code=503",
            ServerErrorException.class,
            503,
            null,
            "The service is temporarily unavailable. Try again later."));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("errorExamples")
  void eachErrorExampleBecomesItsTypedException(
      String prefer,
      Class<? extends PartnerCenterException> type,
      int status,
      Integer errorCode,
      String description,
      PrismServer prism) {
    UUID requestId = UUID.randomUUID();
    UUID correlationId = UUID.randomUUID();
    RequestOptions options = RequestOptions.builder()
        .requestId(requestId)
        .correlationId(correlationId)
        .build();

    PartnerCenterException e = catchThrowableOfType(
        type,
        () -> client(prism, prefer)
            .carts()
            .checkout(CUSTOMER_ID, CART_ID, CheckoutParams.none(), options));

    assertThat(e.statusCode()).isEqualTo(status);
    if (errorCode == null) {
      assertThat(e.errorCode()).isEmpty();
    } else {
      assertThat(e.errorCode()).hasValue(errorCode);
    }
    assertThat(e.errorDescription()).isEqualTo(description);
    assertThat(e.requestId()).isEqualTo(requestId.toString());
    assertThat(e.correlationId()).isEqualTo(correlationId.toString());
    assertThat(e.getMessage())
        .startsWith("Partner Center returned " + status)
        .contains(description)
        .endsWith("[MS-RequestId=" + requestId + ", MS-CorrelationId=" + correlationId + "]");
  }

  @Test
  void aNotFoundCarriesTheServiceErrorAndTheCorrelationVector(PrismServer prism) {
    NotFoundException e = catchThrowableOfType(
        NotFoundException.class,
        () -> client(prism, "code=404").carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.errorSource()).isEqualTo("PartnerFD");
    assertThat(e.errorData()).isEmpty();
    assertThat(e.correlationVector()).isEqualTo("sF/wRa2ih0CzbABc.0");
    assertThat(e.getMessage())
        .startsWith("Partner Center returned 404 (800008): Unable to retrieve cart ID "
            + "b4c8fdea-cbe4-4d17-9576-13fcacbf9605. [MS-RequestId=");
  }

  @Test
  void aThrottledCheckoutCarriesRetryAfter(PrismServer prism) {
    ThrottledException e = catchThrowableOfType(
        ThrottledException.class,
        () -> client(prism, "code=429").carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(57));
    assertThat(e.serviceError()).isPresent();
  }

  @Test
  void asyncCheckoutDecodesTheSameResult(PrismServer prism) throws Exception {
    CartCheckoutResult result =
        client(prism, "code=201").carts().checkoutAsync(CUSTOMER_ID, CART_ID).get();

    assertThat(result.orders()).hasSize(3);
  }
}
