package org.cspkit.partnercenter.bench;

import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.RequestOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What building one checkout request costs the client, without the network: the arguments are
 * checked, the generated Retrofit interface builds the request (proxy, path, Retrofit's unused
 * {@code okhttp3.Call}), and the pipeline adds the standard headers and the masked
 * {@code Authorization}. {@code previewCheckout} does exactly what a real checkout does before its
 * first attempt, plus masking the token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestBuildBenchmark {
  private PartnerCenterClient client;

  @Setup
  public void setUp() {
    client = PartnerCenterClient.builder()
        .baseUrl("http://127.0.0.1:9/")
        .accessToken("benchmark-token")
        .build();
  }

  @Benchmark
  public Request checkoutRequest() {
    return client
        .carts()
        .previewCheckout(
            EndToEndBenchmark.CUSTOMER_ID,
            EndToEndBenchmark.CART_ID,
            CheckoutParams.none(),
            RequestOptions.defaults());
  }
}
