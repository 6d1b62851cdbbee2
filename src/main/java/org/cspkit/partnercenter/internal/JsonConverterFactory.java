package org.cspkit.partnercenter.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Retrofit's converters for every operation: request bodies are written with the models' own
 * Moshi adapters (a property that is null, or an empty array or map, is left out) into a
 * repeatable body, as each attempt of a call sends the same request; response bodies are read by
 * {@link BodyDecoder}, which skips a byte-order mark and reports a body that is not the expected
 * JSON as an {@link UndecodableBodyException}. Thread-safe.
 */
public final class JsonConverterFactory extends Converter.Factory {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Moshi moshi;

  /**
   * Creates the factory.
   *
   * @param moshi the Moshi instance with the models' and {@link JsonSupport}'s adapters
   */
  public JsonConverterFactory(Moshi moshi) {
    this.moshi = moshi;
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    JsonAdapter<Object> adapter = moshi.adapter(type);
    return value -> {
      Buffer buffer = new Buffer();
      adapter.toJson(buffer, value);
      return RequestBody.create(buffer.readByteString(), JSON);
    };
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    JsonAdapter<Object> adapter = moshi.adapter(type);
    return body -> decode(adapter, body);
  }

  private static Object decode(JsonAdapter<Object> adapter, ResponseBody body) throws IOException {
    try (body) {
      return BodyDecoder.decode(adapter, body.source());
    }
  }
}
