package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import okio.Buffer;
import org.cspkit.partnercenter.internal.JsonSupport;

/**
 * What {@code -o json} prints: one indented JSON value per command, with the models as the
 * library decodes them. Its shape is stable: empty arrays and maps are written ({@code
 * "orderErrors": []}), not left out as in request bodies. Besides what JSON requires, the C1
 * control characters (U+0080 to U+009F) and DEL are escaped, as a terminal may act on them.
 */
final class JsonOutput {
  private static final Moshi MOSHI = JsonSupport.newMoshi();

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
    try (JsonWriter json = JsonSupport.writeEmptyCollections(JsonWriter.of(buffer))) {
      json.setIndent("  ");
      json.setSerializeNulls(serializeNulls);
      body.write(json, MOSHI);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return escapeControls(buffer.readUtf8());
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

  /** Writes a model as the value of the current name or array element. */
  static <T> void model(JsonWriter json, Moshi moshi, Class<T> type, T value) throws IOException {
    moshi.adapter(type).toJson(json, value);
  }

  /**
   * The JSON text with DEL and the C1 controls escaped as a {@code \\u} escape: they can only stand in
   * strings, where the escape means the same character.
   */
  static String escapeControls(String json) {
    StringBuilder escaped = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean control = c >= 0x7f && c <= 0x9f;
      if (control && escaped == null) {
        escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (escaped != null) {
        if (control) {
          escaped.append(String.format("\\u%04x", (int) c));
        } else {
          escaped.append(c);
        }
      }
    }
    return escaped == null ? json : escaped.toString();
  }
}
