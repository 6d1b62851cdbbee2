package org.cspkit.partnercenter.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.EOFException;
import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Decodes bodies with Moshi, skipping a leading UTF-8 byte-order mark, and reports any body that
 * is not the expected JSON (malformed, truncated, wrong shape, empty, {@code null}) as an {@link
 * UndecodableBodyException}. I/O failures while reading pass through unchanged, so a broken
 * connection stays distinguishable from a bad body.
 */
public final class BodyDecoder {
  private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");

  private BodyDecoder() {}

  /**
   * Decodes one JSON value that must fill the whole source.
   *
   * @param adapter the adapter of the expected type
   * @param source the body
   * @param <T> the expected type
   * @return the value, never null
   * @throws UndecodableBodyException if the body is not one JSON value of the expected shape
   * @throws IOException if reading the source fails
   */
  public static <T> T decode(JsonAdapter<T> adapter, BufferedSource source) throws IOException {
    try {
      if (source.rangeEquals(0, UTF8_BOM)) {
        source.skip(UTF8_BOM.size());
      }
      if (source.exhausted()) {
        throw new UndecodableBodyException("the body is empty", null);
      }
      JsonReader reader = JsonReader.of(source);
      T value = adapter.fromJson(reader);
      if (value == null) {
        throw new UndecodableBodyException("the body is JSON null", null);
      }
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new UndecodableBodyException("the body has content after the JSON value", null);
      }
      return value;
    } catch (JsonDataException | JsonEncodingException | EOFException e) {
      throw new UndecodableBodyException(e.getMessage(), e);
    } catch (RuntimeException e) {
      // Anything else thrown while decoding (a number out of range, an adapter failure) is still
      // a body we cannot decode; keep it as the cause.
      throw new UndecodableBodyException(e.toString(), e);
    }
  }
}
