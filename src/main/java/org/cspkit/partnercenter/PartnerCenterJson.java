package org.cspkit.partnercenter;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import okio.Buffer;
import org.cspkit.partnercenter.internal.BodyDecoder;
import org.cspkit.partnercenter.internal.JsonSupport;

/**
 * Partner Center's JSON as the client reads and writes it, for the models of {@link
 * org.cspkit.partnercenter.model} (a {@code Cart} kept in a file, an {@code Order} printed by a
 * tool) and for classes of your own that hold them. It is the client's own configuration, not a
 * copy: date-times with up to 7 fractional digits and an optional offset (none is UTC), prices as
 * exact {@link java.math.BigDecimal}s, numbers of at most {@value #MAX_NUMBER_CHARS} characters,
 * a property or map key named twice refused, and enum values the client does not know kept as
 * they are ({@code BillingCycleType.fromString("quarterly")} reads and writes back as {@code
 * "quarterly"}).
 *
 * <p>Source: the client's body decoding; Partner Center's JSON is described by the OpenAPI
 * document {@code openapi/partner-center-purchase.yaml}.
 *
 * <p>Thread safety: every method may be called from any thread; {@link #moshi()} is immutable and
 * thread-safe, as Moshi instances are.
 */
public final class PartnerCenterJson {
  /** The longest number text read, in characters, sign, point and exponent included. */
  public static final int MAX_NUMBER_CHARS = JsonSupport.MAX_NUMBER_CHARS;

  private static final Moshi MOSHI = JsonSupport.newMoshi();

  private PartnerCenterJson() {}

  /**
   * The Moshi the client decodes response bodies and encodes request bodies with. Its adapters
   * for classes of your own (by reflection) use the same adapters for the models, dates and
   * numbers; {@link Moshi#newBuilder()} adds more without changing it.
   *
   * @return the shared instance, never null
   */
  public static Moshi moshi() {
    return MOSHI;
  }

  /**
   * Reads one model (or a class of your own) from the JSON text of a whole document, as the
   * client reads a response body: a leading UTF-8 byte-order mark is skipped.
   *
   * @param type the class, such as {@code Cart.class}
   * @param json the document, UTF-8
   * @param <T> the class
   * @return the value, never null
   * @throws IOException if the bytes are not one JSON value of that type: empty, {@code null},
   *     malformed or truncated JSON, the wrong shape, a property named twice, a number out of
   *     bounds, or content after the value; the message says what and where ({@code at path
   *     $.lineItems[0].quantity})
   * @throws IllegalArgumentException if {@code type} is not a class Moshi can read
   */
  public static <T> T read(Class<T> type, byte[] json) throws IOException {
    return read(MOSHI.adapter(type), json);
  }

  /**
   * Reads one value from the JSON text of a whole document with an adapter of {@link #moshi()},
   * such as one made lenient or strict about unknown properties; as {@link #read(Class, byte[])}.
   *
   * @param adapter the adapter
   * @param json the document, UTF-8
   * @param <T> the adapter's type
   * @return the value, never null
   * @throws IOException as {@link #read(Class, byte[])} says
   */
  public static <T> T read(JsonAdapter<T> adapter, byte[] json) throws IOException {
    return BodyDecoder.decode(adapter, new Buffer().write(json));
  }

  /**
   * Writes a model (or a class of your own) as the client writes a request body: compact, null
   * properties and empty arrays and maps left out.
   *
   * @param type the class, such as {@code Cart.class}
   * @param value the value, or null (written as {@code null})
   * @param <T> the class
   * @return the JSON text
   * @throws IllegalArgumentException if {@code type} is not a class Moshi can write
   */
  public static <T> String write(Class<T> type, T value) {
    return MOSHI.adapter(type).toJson(value);
  }

  /**
   * Makes the models write their empty arrays and maps on this writer too ({@code
   * "orderErrors": []}), instead of leaving them out as request bodies do: for output whose shape
   * a script relies on. Call it before writing.
   *
   * @param writer the writer
   * @return the same writer
   */
  public static JsonWriter writeEmptyCollections(JsonWriter writer) {
    return JsonSupport.writeEmptyCollections(writer);
  }
}
