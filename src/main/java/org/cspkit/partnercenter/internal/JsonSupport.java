package org.cspkit.partnercenter.internal;

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
 * fractional digits and an optional offset, exact decimals for prices, bounded numbers, and maps
 * that refuse a repeated key ({@link DuplicateNames}). The models and the extensible enums bring
 * their own generated adapters, which refuse a property named twice. Build once and share; Moshi
 * caches adapters and is thread-safe.
 *
 * <p>Numbers are bounded so that a hostile or broken body cannot cost much CPU here or later in
 * the caller's code: a number (or numeric string) longer than {@link #MAX_NUMBER_CHARS}, or a
 * decimal whose {@link BigDecimal#scale() scale} is outside {@link #MIN_SCALE}..{@link #MAX_SCALE},
 * is a {@link JsonDataException}, and so an undecodable body. Error messages quote at most {@link
 * #MAX_QUOTED_CHARS} characters of the offending text.
 */
public final class JsonSupport {
  /**
   * The longest number text accepted, in characters, sign, point and exponent included. Parsing a
   * {@link BigDecimal} costs time growing faster than its length (a million digits took about a
   * minute), and Moshi's own {@code nextLong} parses one; a price needs a few dozen characters.
   * Applies to {@code BigDecimal}, {@code Integer} and {@code Long}.
   */
  public static final int MAX_NUMBER_CHARS = 100;

  /**
   * The smallest {@link BigDecimal#scale() scale} accepted: {@code 1E+100} has scale -100. A
   * larger exponent, such as {@code 1e999999999}, parses cheaply but makes {@link
   * BigDecimal#toPlainString()}, {@link BigDecimal#setScale(int)} and arithmetic in the caller's
   * code build numbers of that many digits.
   */
  public static final int MIN_SCALE = -100;

  /**
   * The largest {@link BigDecimal#scale() scale} accepted: at most 100 digits after the point,
   * {@code 1E-100} included. Like {@link #MIN_SCALE}, checked on the text before the {@code
   * BigDecimal} is built, so that an exponent beyond the {@code int} range is reported as out of
   * range rather than as not a number.
   */
  public static final int MAX_SCALE = 100;

  /** How much of a rejected value an error message quotes, in characters. */
  static final int MAX_QUOTED_CHARS = 40;

  private JsonSupport() {}

  /** The tag of a {@link JsonWriter} on which models write their empty arrays and maps too. */
  public enum EmptyCollections {
    /** Empty arrays and maps are written, as {@code []} and {@code {}}. */
    WRITTEN
  }

  /**
   * Makes the models write their empty arrays and maps on this writer, instead of leaving them
   * out as in request bodies: for output whose shape a script relies on.
   *
   * @param writer the writer
   * @return the writer
   */
  public static JsonWriter writeEmptyCollections(JsonWriter writer) {
    writer.setTag(EmptyCollections.class, EmptyCollections.WRITTEN);
    return writer;
  }

  /**
   * Whether models write their empty arrays and maps on this writer; the generated adapters ask.
   *
   * @param writer the writer
   * @return true after {@link #writeEmptyCollections(JsonWriter)}
   */
  public static boolean writesEmptyCollections(JsonWriter writer) {
    return writer.tag(EmptyCollections.class) != null;
  }

  /**
   * Creates the configured Moshi.
   *
   * @return a new Moshi instance
   */
  public static Moshi newMoshi() {
    return new Moshi.Builder()
        .add(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(Integer.class, new IntegerAdapter().nullSafe())
        .add(Long.class, new LongAdapter().nullSafe())
        .add(DuplicateNames.MAPS)
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
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
            text, OffsetDateTime::from, LocalDateTime::from);
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
      if (n < 19
          || s.charAt(4) != '-'
          || s.charAt(7) != '-'
          || s.charAt(10) != 'T'
          || s.charAt(13) != ':'
          || s.charAt(16) != ':') {
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
      } else if (i == n - 6
          && (s.charAt(i) == '+' || s.charAt(i) == '-')
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

  /**
   * JSON numbers as exact decimals (prices), also accepting numeric strings; at most {@link
   * #MAX_NUMBER_CHARS} characters and a scale within {@link #MIN_SCALE}..{@link #MAX_SCALE}.
   */
  static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      String text = boundedNumberText(reader, "a number");
      // Checked on the text, before BigDecimal: an exponent beyond the int range would otherwise
      // be reported as "not a number".
      if (!scaleInRange(text)) {
        throw scaleOutOfRange(text, reader);
      }
      BigDecimal value;
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException(
            "Expected a number but was " + quote(text) + " at path " + reader.getPath(), e);
      }
      if (value.scale() < MIN_SCALE || value.scale() > MAX_SCALE) {
        throw scaleOutOfRange(text, reader);
      }
      return value;
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }

    private static JsonDataException scaleOutOfRange(String text, JsonReader reader) {
      return new JsonDataException("Expected a number with a scale (digits after the point less"
          + " the exponent) within " + MIN_SCALE + ".." + MAX_SCALE + " but was " + quote(text)
          + " at path " + reader.getPath());
    }
  }

  /**
   * Whether the decimal {@code text} (at most {@link #MAX_NUMBER_CHARS} characters) has a scale
   * within {@link #MIN_SCALE}..{@link #MAX_SCALE}: its digits after the point less its exponent.
   * Text that is not a number passes, for {@link BigDecimal} to reject.
   */
  static boolean scaleInRange(String text) {
    int e = text.indexOf('e');
    if (e < 0) {
      e = text.indexOf('E');
    }
    int end = e < 0 ? text.length() : e;
    int point = text.indexOf('.');
    long scale = point < 0 || point > end ? 0 : end - point - 1;
    if (e >= 0) {
      int i = e + 1;
      boolean negative = i < text.length() && text.charAt(i) == '-';
      if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      while (i < text.length() - 1 && text.charAt(i) == '0') {
        i++;
      }
      if (text.length() - i > 9) {
        // Ten or more significant exponent digits: out of range if they are digits at all.
        return !text.substring(i).chars().allMatch(c -> c >= '0' && c <= '9');
      }
      long exponent;
      try {
        exponent = Long.parseLong(text.substring(i));
      } catch (NumberFormatException notDigits) {
        return true;
      }
      scale -= negative ? -exponent : exponent;
    }
    return scale >= MIN_SCALE && scale <= MAX_SCALE;
  }

  /** JSON numbers (or numeric strings) as {@code Integer}, bounded as {@link #integral} says. */
  static final class IntegerAdapter extends JsonAdapter<Integer> {
    @Override
    public Integer fromJson(JsonReader reader) throws IOException {
      return (int) integral(reader, "an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public void toJson(JsonWriter writer, Integer value) throws IOException {
      writer.value(value.intValue());
    }
  }

  /** JSON numbers (or numeric strings) as {@code Long}, bounded as {@link #integral} says. */
  static final class LongAdapter extends JsonAdapter<Long> {
    @Override
    public Long fromJson(JsonReader reader) throws IOException {
      return integral(reader, "a long", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public void toJson(JsonWriter writer, Long value) throws IOException {
      writer.value(value.longValue());
    }
  }

  /**
   * An integral number within {@code min}..{@code max}, in place of Moshi's {@code nextInt} and
   * {@code nextLong}: those parse a number of any length (with {@code BigDecimal} for a long) and
   * quote all of it in their error message. At most {@link #MAX_NUMBER_CHARS} characters. Accepts
   * what they accept ({@code 3}, {@code "3"}, {@code 3.0}, {@code 3e0}), except text that is not a
   * decimal number ({@code "3f"}, {@code "NaN"}) and fractions that are not exactly zero ({@code
   * 3.0000000000000000001}, which they round to 3).
   */
  static long integral(JsonReader reader, String expected, long min, long max) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
      throw new JsonDataException(
          "Expected " + expected + " but was " + token + " at path " + reader.getPath());
    }
    String text = boundedNumberText(reader, expected);
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notPlain) {
      if (scaleInRange(text)) {
        try {
          long value = new BigDecimal(text).longValueExact();
          if (value >= min && value <= max) {
            return value;
          }
        } catch (NumberFormatException | ArithmeticException notIntegral) {
          // reported below
        }
      }
    }
    throw new JsonDataException(
        "Expected " + expected + " but was " + quote(text) + " at path " + reader.getPath());
  }

  /**
   * The next value's text, read with {@link JsonReader#nextString()} (which accepts numbers and
   * strings), if it is at most {@link #MAX_NUMBER_CHARS} characters long.
   */
  private static String boundedNumberText(JsonReader reader, String expected) throws IOException {
    String text = reader.nextString();
    if (text.length() > MAX_NUMBER_CHARS) {
      throw new JsonDataException("Expected " + expected + " of at most " + MAX_NUMBER_CHARS
          + " characters but was " + quote(text) + " at path " + reader.getPath());
    }
    return text;
  }

  /**
   * {@code text} in quotes for an error message, cut to {@link #MAX_QUOTED_CHARS} characters with
   * its length when longer.
   */
  static String quote(String text) {
    if (text.length() <= MAX_QUOTED_CHARS) {
      return "'" + text + "'";
    }
    int cut = Character.isHighSurrogate(text.charAt(MAX_QUOTED_CHARS - 1))
        ? MAX_QUOTED_CHARS - 1
        : MAX_QUOTED_CHARS;
    return "'" + text.substring(0, cut) + "...' (" + text.length() + " characters)";
  }
}
