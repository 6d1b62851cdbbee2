package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import okio.Buffer;
import org.cspkit.partnercenter.PartnerCenterJson;

/**
 * What {@code -o json} prints: one indented JSON value per command, with the models as the
 * library decodes them. Its shape is stable: empty arrays and maps are written ({@code
 * "orderErrors": []}), not left out as in request bodies. Besides what JSON requires, the C1
 * control characters (U+0080 to U+009F) and DEL are escaped, as a terminal may act on them.
 */
final class JsonOutput {
  private static final Moshi MOSHI = PartnerCenterJson.moshi();

  /** Writes one JSON value. */
  @FunctionalInterface
  interface Body {
    void write(JsonWriter json, Moshi moshi) throws IOException;
  }

  private JsonOutput() {}

  /**
   * The JSON text a body writes.
   *
   * @param serializeNulls whether null values are written (error objects keep every key)
   * @param body writes one value
   * @return the text, escaped
   */
  static String text(boolean serializeNulls, Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = PartnerCenterJson.writeEmptyCollections(JsonWriter.of(buffer))) {
      json.setIndent("  ");
      json.setSerializeNulls(serializeNulls);
      body.write(json, MOSHI);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TerminalText.safeJson(buffer.readUtf8());
  }

  /** Prints one JSON value and a line break. */
  static void print(PrintWriter out, boolean serializeNulls, Body body) {
    out.println(text(serializeNulls, body));
    out.flush();
  }

  /** Prints a model, as the library decodes it. */
  static <T> void printModel(PrintWriter out, Class<T> type, T value) {
    print(out, false, (json, moshi) -> moshi.adapter(type).toJson(json, value));
  }
}
