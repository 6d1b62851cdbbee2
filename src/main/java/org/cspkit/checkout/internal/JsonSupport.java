package org.cspkit.checkout.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import org.cspkit.checkout.model.CartCheckoutResult;

/**
 * The one {@link Moshi} instance configuration for Partner Center JSON: date-times with up to 7
 * fractional digits and an optional offset, exact decimals for prices, and the generated extensible
 * enums. Build once and share; Moshi caches adapters and is thread-safe.
 */
public final class JsonSupport {
  private static final String MODEL_PACKAGE = CartCheckoutResult.class.getPackageName();

  private JsonSupport() {}

  /**
   * Creates the configured Moshi.
   *
   * @return a new Moshi instance
   */
  public static Moshi newMoshi() {
    return new Moshi.Builder()
        .add(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(JsonSupport::extensibleEnumAdapter)
        .build();
  }

  /**
   * Adapter for a generated extensible enum: a final class of the model package with a static
   * {@code fromString(String)} factory. Looked up once per type; Moshi caches the result.
   */
  private static JsonAdapter<?> extensibleEnumAdapter(
      Type type, java.util.Set<? extends java.lang.annotation.Annotation> annotations, Moshi moshi) {
    if (!(type instanceof Class<?> raw) || !annotations.isEmpty()
        || !raw.getPackageName().equals(MODEL_PACKAGE) || raw.isRecord()
        || !Modifier.isFinal(raw.getModifiers())) {
      return null;
    }
    MethodHandle fromString;
    try {
      fromString = MethodHandles.publicLookup()
          .findStatic(raw, "fromString", MethodType.methodType(raw, String.class));
    } catch (NoSuchMethodException | IllegalAccessException notAnEnum) {
      return null;
    }
    return new JsonAdapter<Object>() {
      @Override
      public Object fromJson(JsonReader reader) throws IOException {
        String value = reader.nextString();
        try {
          return fromString.invoke(value);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable impossible) {
          throw new IllegalStateException(impossible);
        }
      }

      @Override
      public void toJson(JsonWriter writer, Object value) throws IOException {
        writer.value(value.toString());
      }

      @Override
      public String toString() {
        return "JsonAdapter(" + raw.getSimpleName() + ")";
      }
    }.nullSafe();
  }

  /** ISO-8601 date-times, with or without offset (no offset is taken as UTC). */
  static final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME
            .parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset
            ? offset
            : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "Expected an ISO-8601 date-time but was '" + text + "' at path " + reader.getPath(), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }
  }

  /** JSON numbers as exact decimals (prices), also accepting numeric strings. */
  static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException(
            "Expected a number but was '" + text + "' at path " + reader.getPath(), e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }
  }
}
