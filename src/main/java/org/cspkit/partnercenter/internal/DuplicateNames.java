package org.cspkit.partnercenter.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a JSON object that names a property twice, in the one pass that decodes it: a second
 * value would otherwise silently replace the first (a checkout result's second {@code "orders"}
 * dropping the orders listed before it). The generated model adapters check the properties they
 * know with a flag each and call {@link #skipUnknown} for the others, which walks the skipped
 * value without recursion and checks its objects too; {@link #MAPS} checks the keys of {@code
 * Map<String, V>} properties. Moshi's own reading of free-form values ({@code Object}) refuses a
 * repeated key unless its first value was {@code null}. Costs nothing for a body without unknown
 * properties: Moshi already reads an unknown name as a string; only the names of unknown
 * properties are kept, in a set per object that has them. Stateless and thread-safe.
 */
public final class DuplicateNames {
  /** Reads {@code Map<String, V>} refusing a repeated key, whatever its first value. */
  static final JsonAdapter.Factory MAPS = new MapFactory();

  private DuplicateNames() {}

  /**
   * The exception for a property named twice in one object.
   *
   * @param name the property's name
   * @param reader the reader, just past the second name
   * @return the exception, which makes the body undecodable
   */
  public static JsonDataException duplicate(String name, JsonReader reader) {
    return new JsonDataException("property " + JsonSupport.quote(name)
        + " appears twice in one object, at path " + reader.getPath());
  }

  /**
   * Reads the name of a property the model does not know and skips its value, refusing a name
   * the object already had and a name twice in any object within the value.
   *
   * @param reader the reader, at the name
   * @param seen the unknown names of this object so far, or null for none
   * @return the unknown names of this object, this one included
   * @throws JsonDataException if a name repeats
   * @throws IOException if reading fails
   */
  public static Set<String> skipUnknown(JsonReader reader, Set<String> seen) throws IOException {
    String name = reader.nextName();
    Set<String> names = seen != null ? seen : new HashSet<>();
    if (!names.add(name)) {
      throw duplicate(name, reader);
    }
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.BEGIN_OBJECT || token == JsonReader.Token.BEGIN_ARRAY) {
      skipContainer(reader);
    } else {
      reader.skipValue();
    }
    return names;
  }

  /**
   * Skips an object or array, with a stack instead of recursion (the reader bounds the depth):
   * the names of each object on the way are kept until it ends.
   */
  private static void skipContainer(JsonReader reader) throws IOException {
    // One entry per open container: the names of an object so far (created at its first name),
    // null for an array or an object with no name yet.
    List<Set<String>> open = new ArrayList<>();
    do {
      switch (reader.peek()) {
        case BEGIN_OBJECT -> {
          reader.beginObject();
          open.add(null);
        }
        case BEGIN_ARRAY -> {
          reader.beginArray();
          open.add(null);
        }
        case END_OBJECT -> {
          reader.endObject();
          open.remove(open.size() - 1);
        }
        case END_ARRAY -> {
          reader.endArray();
          open.remove(open.size() - 1);
        }
        case NAME -> {
          String name = reader.nextName();
          int top = open.size() - 1;
          if (open.get(top) == null) {
            open.set(top, new HashSet<>());
          }
          if (!open.get(top).add(name)) {
            throw duplicate(name, reader);
          }
        }
        default -> reader.skipValue();
      }
    } while (!open.isEmpty());
  }

  /** Adapters of {@code Map<String, V>} that refuse a repeated key; writing is Moshi's. */
  private static final class MapFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()
          || !(type instanceof ParameterizedType map)
          || map.getRawType() != Map.class
          || map.getActualTypeArguments()[0] != String.class) {
        return null;
      }
      JsonAdapter<Object> values = moshi.adapter(map.getActualTypeArguments()[1]);
      JsonAdapter<Map<String, Object>> moshis = moshi.nextAdapter(this, type, annotations);
      return new JsonAdapter<Map<String, Object>>() {
        @Override
        public Map<String, Object> fromJson(JsonReader reader) throws IOException {
          Map<String, Object> read = new LinkedHashMap<>();
          reader.beginObject();
          while (reader.hasNext()) {
            String key = reader.nextName();
            if (read.containsKey(key)) {
              throw duplicate(key, reader);
            }
            read.put(key, values.fromJson(reader));
          }
          reader.endObject();
          return read;
        }

        @Override
        public void toJson(JsonWriter writer, Map<String, Object> value) throws IOException {
          moshis.toJson(writer, value);
        }

        @Override
        public String toString() {
          return "JsonAdapter(" + type + ", no repeated key)";
        }
      }.nullSafe();
    }
  }
}
