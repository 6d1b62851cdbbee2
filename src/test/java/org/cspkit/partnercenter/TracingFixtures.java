package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.testing.ContractValidator;

/**
 * What {@link TracingTest} and {@link TracingContextTest} share: the client they build and how they
 * read spans back.
 */
final class TracingFixtures {
  static final String TOKEN = "tracing-test-token-value";

  private TracingFixtures() {}

  /**
   * A client of {@code server} with the given OpenTelemetry, fast retries, and the given user
   * interceptors after the contract validator.
   */
  static PartnerCenterClientBuilder client(
      MockWebServer server, OpenTelemetry openTelemetry, Interceptor... interceptors) {
    OkHttpClient.Builder http = ContractValidator.install(new OkHttpClient.Builder());
    for (Interceptor interceptor : interceptors) {
      http.addInterceptor(interceptor);
    }
    return PartnerCenterClient.builder()
        .httpClient(http.build())
        .baseUrl(server.url("/").toString())
        .accessToken(TOKEN)
        .retryOptions(FaultMatrixTest.FAST)
        .openTelemetry(openTelemetry);
  }

  static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  static List<SpanData> attempts(List<SpanData> spans) {
    return spans.stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .sorted((a, b) -> Long.compare(
            a.getAttributes().get(longKey("partner_center.attempt")),
            b.getAttributes().get(longKey("partner_center.attempt"))))
        .toList();
  }

  static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  static AttributeKey<Long> longKey(String name) {
    return AttributeKey.longKey(name);
  }
}
