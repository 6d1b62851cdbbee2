package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RetryOptions;

/**
 * Clients of Prism whose requests carry {@code Prefer} (Prism's way to pick a response), with no
 * retries, their traffic checked by the contract validator; and the {@code sl-violations} Prism
 * reported for their requests, which {@link #assertNone()} turns into a test failure.
 */
public final class PreferClients {
  private final List<String> violations = new CopyOnWriteArrayList<>();

  /**
   * A client of {@code prism} whose requests carry {@code Prefer: prefer}.
   *
   * @param prism the server
   * @param prefer the {@code Prefer} value, or null for none
   * @return the client
   */
  public PartnerCenterClient client(PrismServer prism, String prefer) {
    OkHttpClient http = ContractValidator.install(new OkHttpClient.Builder())
        .addInterceptor(chain -> {
          Request request = chain.request();
          if (prefer != null) {
            request = request.newBuilder().header("Prefer", prefer).build();
          }
          Response response = chain.proceed(request);
          String violation = response.header("sl-violations");
          if (violation != null) {
            violations.add(violation);
          }
          return response;
        })
        .build();
    return PartnerCenterClient.builder()
        .baseUrl(prism.baseUrl())
        .accessToken("prism-checks-presence-only")
        .httpClient(http)
        .retryOptions(RetryOptions.NONE)
        .build();
  }

  /** Fails if Prism flagged any request of these clients. */
  public void assertNone() {
    assertThat(violations).as("Prism's sl-violations for our requests").isEmpty();
  }
}
