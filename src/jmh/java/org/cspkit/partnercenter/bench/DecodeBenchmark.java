package org.cspkit.partnercenter.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.squareup.moshi.JsonAdapter;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import okio.Okio;
import org.cspkit.partnercenter.internal.BodyDecoder;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding a checkout result from a stream, as a response body arrives: our generated Moshi
 * records (through the same decode path as the client), Jackson databind and Gson into
 * equivalent plain classes. Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {
  @Param({"documentation", "large"})
  public String body;

  private byte[] bytes;
  private JsonAdapter<CartCheckoutResult> moshi;
  private ObjectMapper jackson;
  private Gson gson;

  @Setup
  public void setUp() {
    bytes = "large".equals(body) ? Bodies.large() : Bodies.documentation();
    moshi = JsonSupport.newMoshi().adapter(CartCheckoutResult.class);
    jackson = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    gson = new GsonBuilder()
        .registerTypeAdapter(OffsetDateTime.class, (JsonDeserializer<OffsetDateTime>)
            (json, type, context) -> OffsetDateTime.parse(json.getAsString()))
        .create();
  }

  @Benchmark
  public CartCheckoutResult moshiRecords() throws Exception {
    return BodyDecoder.decode(moshi, Okio.buffer(Okio.source(new ByteArrayInputStream(bytes))));
  }

  @Benchmark
  public PlainModels.CartCheckoutResult jacksonDatabind() throws Exception {
    return jackson.readValue(new ByteArrayInputStream(bytes), PlainModels.CartCheckoutResult.class);
  }

  @Benchmark
  public PlainModels.CartCheckoutResult gson() {
    return gson.fromJson(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
        PlainModels.CartCheckoutResult.class);
  }
}
