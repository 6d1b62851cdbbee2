package org.cspkit.checkout.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * The one {@link Moshi} instance configuration for Partner Center JSON: date-times with up to 7
 * fractional digits and an optional offset, and exact decimals for prices. The models and the
 * extensible enums bring their own generated adapters. Build once and share; Moshi caches adapters
 * and is thread-safe.
 */
public final class JsonSupport {
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
        .build();
  }

  /** ISO-8601 date-times, with or without offset (no offset is taken as UTC). */
  static final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      OffsetDateTime common = parseCommon(text);
      if (common != null) {
        return common;
      }
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

    /**
     * The shape Partner Center sends, {@code yyyy-MM-ddTHH:mm:ss[.f…][Z|±HH:MM]}, without the
     * allocations of {@link DateTimeFormatter#parseBest}; null for anything else (the formatter
     * then decides). Invalid field values (month 13) throw {@link java.time.DateTimeException},
     * which the caller treats as undecodable.
     */
    static OffsetDateTime parseCommon(String s) {
      int n = s.length();
      if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
          || s.charAt(13) != ':' || s.charAt(16) != ':') {
        return null;
      }
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      if ((year | month | day | hour | minute | second) < 0) {
        return null;
      }
      int i = 19;
      int nanos = 0;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          nanos = nanos * 10 + (s.charAt(i++) - '0');
        }
        if (i == start) {
          return null;
        }
        for (int scale = i - start; scale < 9; scale++) {
          nanos *= 10;
        }
      }
      ZoneOffset offset;
      if (i == n) {
        offset = ZoneOffset.UTC;
      } else if (i == n - 1 && s.charAt(i) == 'Z') {
        offset = ZoneOffset.UTC;
      } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-')
          && s.charAt(i + 3) == ':') {
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((hours | minutes) < 0) {
          return null;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } else {
        return null;
      }
      try {
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
      } catch (java.time.DateTimeException invalid) {
        return null;
      }
    }

    private static int digits(String s, int from, int count) {
      int value = 0;
      for (int i = from; i < from + count; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        value = value * 10 + (c - '0');
      }
      return value;
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
