package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.CartLineItem;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.model.OrderError;
import org.cspkit.partnercenter.model.OrderLineItem;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

/**
 * Holds the Java samples of the library guide (docs/library-guide.md) and checks all of them: each
 * block between "Docs: name" markers in a test source (here, in {@link
 * AuthenticationExamplesTest}, in {@link FakePartnerCenterTest} for the test support artifact, and
 * in the command line's tests) must appear, word for word, as a java block of README.md or
 * docs/*.md, and every such block must be one of them; the samples here run against Prism. The
 * README's quick start is {@link ReadmeQuickStartTest}'s.
 */
@ExtendWith(PrismExtension.class)
class ReadmeExamplesTest {

  /** A token as an application's own cache might keep it. */
  record MyToken(String value, java.time.Instant expiresAt) {}

  static PartnerCenterClient buildClient(Supplier<MyToken> myTokenCache) {
    // Docs: build
    PartnerCenterClient client = PartnerCenterClient.builder()
        .cloud(PartnerCenterCloud.GLOBAL)
        .accessTokenSource(() -> {
          MyToken token = myTokenCache.get();
          return AccessToken.of(token.value(), token.expiresAt());
        })
        .applicationName("Contoso control panel")
        .build();
    // Docs: end
    return client;
  }

  static void purchase(PartnerCenterClient client, String customerId) {
    // Docs: purchase
    Cart cart = client
        .carts()
        .create(
            customerId,
            Cart.builder()
                .lineItems(List.of(CartLineItem.builder()
                    .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
                    .quantity(5)
                    .billingCycle(BillingCycleType.MONTHLY)
                    .termDuration("P1Y")
                    .build()))
                .build());
    List<CartLineItem> problems = cart.lineItemsWithErrors();
    if (!problems.isEmpty()) {
      // The cart was created, but checking it out would fail with 800009: fix these lines.
      for (CartLineItem line : problems) {
        System.out.println(line.catalogItemId() + ": " + line.error().errorCode() + " "
            + line.error().errorDescription());
      }
      return;
    }
    CartCheckoutResult result = client.carts().checkout(customerId, cart.id());
    for (Order order : result.orders()) {
      OrderProvisioningStatusCollection statuses = client
          .orders()
          .waitForProvisioning(
              customerId,
              order.id(),
              ProvisioningWaitOptions.defaults(),
              RequestOptions.defaults());
      for (OrderLineItemProvisioningStatus line : statuses.items()) {
        System.out.println(order.id() + " line " + line.lineItemNumber() + ": " + line.status());
      }
    }
    // Docs: end
  }

  static void checkout(PartnerCenterClient client, String customerId, String cartId) {
    // Docs: checkout
    try {
      CartCheckoutResult result = client.carts().checkout(customerId, cartId);
      for (Order order : result.orders()) {
        System.out.println(order.id() + " " + order.status() + " " + order.billingCycle());
        for (OrderLineItem item : order.lineItems()) {
          System.out.println("  " + item.offerId() + " x" + item.quantity());
        }
      }
      for (OrderError error : result.orderErrors()) {
        // A 201 can be a partial success: these order groups were not ordered.
        System.out.println("failed group " + error.orderGroupId() + ": " + error.code());
      }
    } catch (NotFoundException e) {
      System.out.println("no such cart: " + e.errorCode().orElse(0));
    } catch (ThrottledException e) {
      System.out.println("throttled, retry after " + e.retryAfter().orElse(null));
    } catch (PartnerCenterException e) {
      // Status, service error and request IDs: what a support case needs.
      System.out.println(e.statusCode() + " " + e.errorCodeText().orElse("-") + " "
          + e.errorDescription() + " MS-RequestId=" + e.requestId()
          + " MS-CorrelationId=" + e.correlationId());
    }
    // Docs: end
  }

  static void traced(
      PartnerCenterClient client, OpenTelemetry openTelemetry, String customerId, String cartId) {
    // Docs: tracing
    Span span = openTelemetry
        .getTracer("contoso.billing")
        .spanBuilder("monthly renewal")
        .startSpan();
    try (Scope scope = span.makeCurrent()) {
      MDC.put("tenant", customerId);
      // Traced as "PartnerCenter checkoutCart" under "monthly renewal", with a POST span per
      // attempt; the attempts run on the client's threads with this span and MDC.
      CartCheckoutResult result =
          client.carts().checkoutAsync(customerId, cartId).join();
      System.out.println(result.orders().size() + " orders");
    } finally {
      MDC.remove("tenant");
      span.end();
    }
    // Docs: end
  }

  static void withResponse(PartnerCenterClient client, String customerId, String cartId) {
    // Docs: with-response
    PartnerCenterResponse<CartCheckoutResult> response = client
        .carts()
        .checkoutWithResponse(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults());
    CartCheckoutResult result = response.value();
    System.out.println(result.orders().size() + " orders: " + response.statusCode()
        + " MS-RequestId=" + response.requestId() + " MS-CV=" + response.correlationVector()
        + " after " + response.attempts().size() + " attempt(s)");
    // Docs: end
  }

  @Test
  void theBuildSampleMakesAClientForTheGlobalCloud() {
    PartnerCenterClient client = buildClient(
        () -> new MyToken("token-from-my-cache", java.time.Instant.now().plusSeconds(3600)));

    assertThat(client.baseUrl()).hasToString("https://api.partnercenter.microsoft.com/");
    assertThat(client
            .carts()
            .previewCheckout(
                PrismCheckoutTest.CUSTOMER_ID,
                PrismCheckoutTest.CART_ID,
                CheckoutParams.none(),
                RequestOptions.defaults())
            .header("MS-PartnerCenter-Application"))
        .isEqualTo("Contoso control panel");
  }

  @Test
  void theCheckoutSamplePrintsTheOrdersAndHandlesErrors(PrismServer prism) {
    PartnerCenterClient client = buildClient(
            () -> new MyToken("any", java.time.Instant.now().plusSeconds(3600)))
        .newBuilder()
        .baseUrl(prism.baseUrl())
        .build();
    PartnerCenterClient notFound = client
        .newBuilder()
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(
                chain.request().newBuilder().header("Prefer", "code=404").build()))
            .build())
        .build();

    String printed = captureStdout(() -> {
      checkout(client, PrismCheckoutTest.CUSTOMER_ID, PrismCheckoutTest.CART_ID);
      checkout(notFound, PrismCheckoutTest.CUSTOMER_ID, PrismCheckoutTest.CART_ID);
    });

    assertThat(printed)
        .contains("3c6f2530-1e31-4088-8230-dd1c31a18bce completed monthly")
        .contains("  MS-AZR-0145P x1")
        .contains("no such cart: 800008");
  }

  @Test
  void theTracingSampleRecordsTheCheckoutUnderTheCallersSpan(PrismServer prism) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    List<String> tenants = new CopyOnWriteArrayList<>();
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(prism.baseUrl())
        .accessToken("any")
        .openTelemetry(openTelemetry)
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> {
              tenants.add(MDC.get("tenant"));
              return chain.proceed(chain.request());
            })
            .build())
        .build();

    String printed = captureStdout(() ->
        traced(client, openTelemetry, PrismCheckoutTest.CUSTOMER_ID, PrismCheckoutTest.CART_ID));

    assertThat(printed).isEqualTo("3 orders" + System.lineSeparator());
    Map<String, SpanData> spans = new HashMap<>();
    exporter.getFinishedSpanItems().forEach(span -> spans.put(span.getName(), span));
    assertThat(spans).containsOnlyKeys("monthly renewal", "PartnerCenter checkoutCart", "POST");
    assertThat(spans.get("PartnerCenter checkoutCart").getParentSpanId())
        .isEqualTo(spans.get("monthly renewal").getSpanId());
    assertThat(spans.get("POST").getParentSpanId())
        .isEqualTo(spans.get("PartnerCenter checkoutCart").getSpanId());
    assertThat(tenants).containsExactly(PrismCheckoutTest.CUSTOMER_ID);
  }

  @Test
  void theWithResponseSamplePrintsTheStatusAndTheIds(PrismServer prism) {
    PartnerCenterClient client = buildClient(
            () -> new MyToken("any", java.time.Instant.now().plusSeconds(3600)))
        .newBuilder()
        .baseUrl(prism.baseUrl())
        .build();

    String printed = captureStdout(
        () -> withResponse(client, PrismCheckoutTest.CUSTOMER_ID, PrismCheckoutTest.CART_ID));

    assertThat(printed)
        .matches("3 orders: 200 MS-RequestId=[0-9a-f-]{36}"
            + " MS-CV=sF/wRa2ih0CzbABc\\.0 after 1 attempt\\(s\\)\\R");
  }

  @Test
  void thePurchaseSampleCreatesChecksOutAndFollowsTheOrders(PrismServer prism) {
    PartnerCenterClient client = buildClient(
            () -> new MyToken("any", java.time.Instant.now().plusSeconds(3600)))
        .newBuilder()
        .baseUrl(prism.baseUrl())
        .build();
    PartnerCenterClient lineErrors = client
        .newBuilder()
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(chain
                .request()
                .newBuilder()
                .header("Prefer", "example=cartWithLineItemError")
                .build()))
            .build())
        .build();

    String printed = captureStdout(() -> {
      purchase(client, PrismCheckoutTest.CUSTOMER_ID);
      purchase(lineErrors, PrismCheckoutTest.CUSTOMER_ID);
    });

    assertThat(printed)
        .contains("3c6f2530-1e31-4088-8230-dd1c31a18bce line 0: fulfilled")
        .contains(": 400039 Availability CFQ7TTC0KF52 referenced by line item 0 does not support"
            + " term ''");
  }

  @Test
  void theDocsShowExactlyTheseSamples() throws IOException {
    List<String> docsBlocks = new ArrayList<>();
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    for (Path page : pages) {
      Matcher block =
          Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
      while (block.find()) {
        docsBlocks.add(normalize(block.group(1)));
      }
    }
    // The README's first block is the quick start, which ReadmeQuickStartTest compiles as it is.
    assertThat(docsBlocks.remove(0)).startsWith("import ");
    // Held here, in AuthenticationExamplesTest, and in the tests of the test support artifact and
    // of the command line (no Prism there).
    StringBuilder source = new StringBuilder();
    try (Stream<Path> tests = Files.walk(Path.of("src/test/java"))) {
      for (Path test : tests.filter(file -> file.toString().endsWith(".java")).toList()) {
        source.append(Files.readString(test));
      }
    }
    Matcher sample = Pattern.compile(
            "// Docs: (?!end)([\\w-]+)\\n(.*?)// Docs: end", Pattern.DOTALL)
        .matcher(source);
    List<String> samples = new ArrayList<>();
    while (sample.find()) {
      samples.add(normalize(sample.group(2)));
    }
    assertThat(samples).hasSize(13);
    assertThat(docsBlocks)
        .as("java blocks of README.md and docs/*.md, each held by a test")
        .containsExactlyInAnyOrderElementsOf(samples);
  }

  private static String normalize(String code) {
    return code.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }

  private static String captureStdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
