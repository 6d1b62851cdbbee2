package org.cspkit.checkout.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
      "authorization", "proxy-authorization", "cookie", "set-cookie", "www-authenticate",
      "proxy-authenticate", "x-ms-authorization-auxiliary");

  private Redaction() {}

  /**
   * {@code text} with every occurrence of each secret masked, in its raw, form-encoded and
   * percent-encoded spellings (an echoed {@code application/x-www-form-urlencoded} body carries
   * the encoded one).
   *
   * @param text the text, or null
   * @param secrets the secret values; nulls and values shorter than 4 characters are ignored
   * @return the text with the secrets replaced by {@value #MASK}, or null for null
   */
  public static String scrub(String text, Collection<String> secrets) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : spellings(secrets)) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
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
    if (failure == null || secrets.isEmpty() || !leaks(failure, secrets, 0)) {
      return failure;
    }
    return copy(failure, spellings(secrets), 0);
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
   * The URL with its password, if any, masked: {@code https://user:****@host/}.
   *
   * @param url the URL
   * @return the URL as text, safe to show
   */
  public static String url(HttpUrl url) {
    return url.password().isEmpty() ? url.toString() : url.newBuilder().password(MASK).toString();
  }

  private static boolean leaks(Throwable failure, Collection<String> secrets, int depth) {
    if (depth > 16) {
      return false;
    }
    String message = failure.getMessage();
    String text = failure.toString();
    for (String secret : spellings(secrets)) {
      if ((message != null && message.contains(secret)) || text.contains(secret)) {
        return true;
      }
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (leaks(suppressed, secrets, depth + 1)) {
        return true;
      }
    }
    Throwable cause = failure.getCause();
    return cause != null && cause != failure && leaks(cause, secrets, depth + 1);
  }

  private static Throwable copy(Throwable failure, List<String> spellings, int depth) {
    String message = failure.getMessage();
    RedactedException copy = new RedactedException(failure.getClass().getName()
        + (message == null ? "" : ": " + scrub(message, spellings)));
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure && depth < 16) {
      copy.initCause(copy(cause, spellings, depth + 1));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, spellings, depth + 1));
    }
    return copy;
  }

  private static List<String> spellings(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
        continue;
      }
      all.add(secret);
      String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      all.add(form);
      all.add(form.replace("+", "%20"));
    }
    List<String> ordered = new ArrayList<>(all);
    // Longest first, so that an encoded spelling is masked whole before a raw one inside it.
    ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return ordered;
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
    @Override
    public String toString() {
      return getMessage();
    }
  }
}
