package org.cspkit.partnercenter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Removes secrets from what the library writes: known secret values (bearer tokens, client
 * secrets, refresh tokens, key passwords) from messages and exception chains, sensitive headers
 * from logs, and passwords from URLs. A peer may echo a secret back (an authority that repeats the
 * posted form, a 401 that quotes the token, a malformed status line), so every text that may carry
 * a peer's words passes through here before it reaches a message, a {@code toString()} or a log
 * line. Stateless and thread-safe.
 */
public final class Redaction {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  /**
   * Secrets shorter than this are not searched for: masking every occurrence of a two-letter
   * password would garble messages without protecting anything.
   */
  static final int MIN_SECRET_LENGTH = 4;

  private static final Set<String> SENSITIVE_HEADERS = Set.of(
      "authorization",
      "proxy-authorization",
      "cookie",
      "set-cookie",
      "www-authenticate",
      "proxy-authenticate",
      "x-ms-authorization-auxiliary");

  private Redaction() {}

  /**
   * {@code text} with every occurrence of each secret masked, in its raw, form-encoded,
   * percent-encoded (either case of hex) and JSON-escaped spellings (an echoed {@code
   * application/x-www-form-urlencoded} body carries an encoded one).
   *
   * @param text the text, or null
   * @param secrets the secret values; nulls and values shorter than 4 characters are ignored
   * @return the text with the secrets replaced by {@value #MASK}, or null for null
   */
  public static String scrub(String text, Collection<String> secrets) {
    // Every spelling of a secret is at least as long as the secret: a text shorter than the
    // shortest one (an MS-CV, a Date header next to a bearer token) cannot hold any.
    if (text == null || text.length() < shortest(secrets)) {
      return text;
    }
    Pattern pattern = pattern(secrets);
    return pattern == null ? text : pattern.matcher(text).replaceAll(MASK);
  }

  /**
   * A throwable that reads like {@code failure} with every secret masked: its class name,
   * scrubbed message and stack trace, and a scrubbed cause and suppressed exceptions. Returns
   * {@code failure} itself when no secret appears anywhere in its chain, so that callers can
   * still catch its type.
   *
   * @param failure the throwable, or null
   * @param secrets the secret values
   * @return {@code failure}, or a scrubbed copy of its chain
   */
  public static Throwable scrub(Throwable failure, Collection<String> secrets) {
    if (failure == null || secrets.isEmpty()) {
      return failure;
    }
    Pattern pattern = pattern(secrets);
    return pattern == null
        ? failure
        : rewrite(failure, text -> pattern.matcher(text).replaceAll(MASK));
  }

  /**
   * A throwable that reads like {@code failure} with {@code mask} applied to the message of each
   * throwable in its chain (see {@link #scrub(Throwable, Collection)}); {@code failure} itself
   * when {@code mask} changes none of them.
   *
   * @param failure the throwable, or null
   * @param mask what to apply to each message; returns its argument when nothing is masked
   * @return {@code failure}, or a masked copy of its chain
   */
  static Throwable rewrite(Throwable failure, UnaryOperator<String> mask) {
    if (failure == null || !changes(failure, mask, 0)) {
      return failure;
    }
    return copy(failure, mask, 0);
  }

  /**
   * Whether {@code name} is a header whose value is a credential: {@code Authorization}, {@code
   * Proxy-Authorization}, cookies and authentication challenges.
   *
   * @param name a header name, any case
   * @return true if its value must never be written out
   */
  public static boolean isSensitiveHeader(String name) {
    return SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * A header line for a log: sensitive headers masked, known secrets scrubbed from the others.
   *
   * @param name the header name
   * @param value the header value
   * @param secrets the secret values
   * @return {@code name: value}, safe to log
   */
  public static String header(String name, String value, Collection<String> secrets) {
    if (isSensitiveHeader(name)) {
      int space = value.indexOf(' ');
      // Keep the scheme ("Bearer"), which helps diagnosis and is no secret.
      return name + ": " + (space > 0 && space < 16 ? value.substring(0, space + 1) : "") + MASK;
    }
    return name + ": " + scrub(value, secrets);
  }

  /**
   * Headers with every known secret masked in their values, names and order kept; {@code
   * headers} itself when no value holds one.
   *
   * @param headers the headers
   * @param secrets the secret values
   * @return the headers, safe to hand to a caller
   */
  public static Headers scrub(Headers headers, Collection<String> secrets) {
    // As in scrub(String): a real bearer token is far longer than the values of a success
    // response, so the pattern is rarely needed.
    int shortest = shortest(secrets);
    boolean longEnough = false;
    for (int i = 0; i < headers.size() && !longEnough; i++) {
      longEnough = headers.value(i).length() >= shortest;
    }
    Pattern pattern = longEnough ? pattern(secrets) : null;
    if (pattern == null) {
      return headers;
    }
    Headers.Builder scrubbed = null;
    for (int i = 0; i < headers.size(); i++) {
      String value = headers.value(i);
      String masked = pattern.matcher(value).replaceAll(MASK);
      if (scrubbed == null && !masked.equals(value)) {
        scrubbed = new Headers.Builder();
        for (int j = 0; j < i; j++) {
          scrubbed.addUnsafeNonAscii(headers.name(j), headers.value(j));
        }
      }
      if (scrubbed != null) {
        scrubbed.addUnsafeNonAscii(headers.name(i), masked);
      }
    }
    return scrubbed == null ? headers : scrubbed.build();
  }

  /**
   * The URL with its password, if any, masked: {@code https://user:****@host/}.
   *
   * @param url the URL
   * @return the URL as text, safe to show
   */
  public static String url(HttpUrl url) {
    return url.password().isEmpty()
        ? url.toString()
        : url.newBuilder().password(MASK).toString();
  }

  private static boolean changes(Throwable failure, UnaryOperator<String> mask, int depth) {
    if (depth > 16) {
      return false;
    }
    String message = failure.getMessage();
    String text = failure.toString();
    if ((message != null && !mask.apply(message).equals(message))
        || !mask.apply(text).equals(text)) {
      return true;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (changes(suppressed, mask, depth + 1)) {
        return true;
      }
    }
    Throwable cause = failure.getCause();
    return cause != null && cause != failure && changes(cause, mask, depth + 1);
  }

  private static Throwable copy(Throwable failure, UnaryOperator<String> mask, int depth) {
    String message = failure.getMessage();
    RedactedException copy = new RedactedException(
        failure.getClass().getName() + (message == null ? "" : ": " + mask.apply(message)));
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure && depth < 16) {
      copy.initCause(copy(cause, mask, depth + 1));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, mask, depth + 1));
    }
    return copy;
  }

  /**
   * The length of the shortest secret searched for ({@link Integer#MAX_VALUE} when none is): no
   * spelling of a secret is shorter than the secret.
   */
  private static int shortest(Collection<String> secrets) {
    int shortest = Integer.MAX_VALUE;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
        shortest = Math.min(shortest, secret.length());
      }
    }
    return shortest;
  }

  /** The secrets of the last pattern compiled, and the pattern; see {@link #pattern}. */
  private record Compiled(List<String> secrets, Pattern pattern) {}

  /**
   * The last pattern compiled. Calls of one client scrub with the same token until it is
   * refreshed, and a pattern for a real bearer token (a regular expression of 57 KB for 1,500
   * characters) costs far more to compile than the texts cost to search; keeping one
   * pattern holds no secret the token cache does not hold already.
   */
  private static volatile Compiled last;

  /**
   * One pattern that finds every secret in any spelling, longest secret first; null when no
   * secret is long enough to search for.
   */
  private static Pattern pattern(Collection<String> secrets) {
    List<String> searched = new ArrayList<>(new LinkedHashSet<>(secrets));
    searched.removeIf(secret -> secret == null || secret.length() < MIN_SECRET_LENGTH);
    if (searched.isEmpty()) {
      return null;
    }
    Compiled cached = last;
    if (cached != null && cached.secrets().equals(searched)) {
      return cached.pattern();
    }
    Pattern compiled = compile(searched);
    last = new Compiled(List.copyOf(searched), compiled);
    return compiled;
  }

  private static Pattern compile(List<String> searched) {
    // Longest first, so that a secret containing another is masked whole.
    searched.sort((a, b) -> Integer.compare(b.length(), a.length()));
    StringBuilder regex = new StringBuilder();
    for (String secret : searched) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      secret.codePoints().forEach(c -> regex.append(spellings(c)));
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * Every way one character of a secret may be written where a peer echoes it: as itself; as
   * {@code %XX} per UTF-8 byte, with upper- or lower-case hex, also percent-encoded once more
   * ({@code %252B}); a space also as {@code +} (and that as {@code %2B}); and JSON-escaped (a
   * backslash-u escape in either case, or a backslash before a slash, quote or backslash). So the
   * raw secret, {@link java.net.URLEncoder}'s form encoding, RFC 3986 encoders that leave {@code
   * ~} alone, .NET's lower-case hex and JSON strings all match, even mixed within one spelling.
   */
  private static String spellings(int codePoint) {
    StringBuilder alternatives =
        new StringBuilder("(?:").append(Pattern.quote(new String(Character.toChars(codePoint))));
    StringBuilder percent = new StringBuilder();
    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
      percent.append("%(?:25)?(?i:").append(String.format("%02x", b & 0xff)).append(')');
    }
    alternatives.append('|').append(percent);
    if (codePoint == ' ') {
      alternatives.append("|\\+|%(?i:2b)");
    }
    StringBuilder json = new StringBuilder();
    for (char unit : Character.toChars(codePoint)) {
      json.append("\\\\u(?i:").append(String.format("%04x", (int) unit)).append(')');
    }
    alternatives.append('|').append(json);
    if (codePoint == '/' || codePoint == '"' || codePoint == '\\') {
      alternatives.append("|\\\\").append(Pattern.quote(String.valueOf((char) codePoint)));
    }
    return alternatives.append(')').toString();
  }

  /**
   * Stands in for an exception whose message carried a secret: its text is the original class
   * name and the scrubbed message, its stack trace the original's.
   */
  public static final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedactedException(String text) {
      super(text);
    }

    /** The original class name and scrubbed message, without this class's name. */
    @SuppressWarnings("OverrideThrowableToString") // the message already starts with the class name
    @Override
    public String toString() {
      return getMessage();
    }
  }
}
