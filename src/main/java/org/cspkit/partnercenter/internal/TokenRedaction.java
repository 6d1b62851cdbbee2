package org.cspkit.partnercenter.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a token, whatever its value: in what the client keeps of a token
 * endpoint's answer (MSAL4J's exception messages quote the raw body, so a 200 cut off after
 * {@code "access_token":"eyJ…"} would otherwise reach an exception, a span or the command line)
 * and of a token source's failure. Two shapes are masked on top of the known secrets of {@link
 * Redaction}:
 *
 * <ul>
 *   <li>the value of every {@code access_token}, {@code refresh_token} and {@code id_token} field,
 *       as JSON ({@code "access_token":"…"}, also escaped or percent-encoded), as a form or query
 *       field ({@code refresh_token=…}) or as {@code access_token: …}, up to the end of the value
 *       or of the text when the value was cut off;
 *   <li>anything that looks like a JWT: base64url starting {@code eyJ} (the encoding of a JSON
 *       object's opening brace and quote), with the dot-separated segments that follow it, a
 *       partial one included.
 * </ul>
 *
 * <p>Neither shape depends on knowing the token, so a token the client never held (the one in a
 * cut-off answer, one in a caller's exception) is masked too. Stateless and thread-safe.
 */
public final class TokenRedaction {
  /** The value of a token field, in JSON, form, query or {@code key: value} spelling. */
  private static final Pattern TOKEN_FIELD = Pattern.compile(
      "(?i)((?:access|refresh|id)_token(?:\\\\?[\"']|%22|%27)?\\s*(?:[:=]|%3A|%3D)\\s*"
          + "(?:\\\\?[\"']|%22|%27)?)[^\"'\\\\\\s&,;}<>]+");

  /** A JWT (JWS or JWE) or the start of one: base64url JSON, then dot-separated segments. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}(?:\\.[A-Za-z0-9_-]*)*");

  /** An Entra ID error code: names the failure and can hold no secret. */
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

  private TokenRedaction() {}

  /**
   * {@code text} with every token field's value and every JWT-looking string masked.
   *
   * @param text the text, or null
   * @return the text with tokens replaced by {@value Redaction#MASK}, or null for null
   */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String fields = TOKEN_FIELD
        .matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Redaction.MASK));
    return JWT.matcher(fields).replaceAll(Redaction.MASK);
  }

  /**
   * {@code text} with the known secrets, every token field's value and every JWT-looking string
   * masked.
   *
   * @param text the text, or null
   * @param secrets the secret values, as for {@link Redaction#scrub(String, Collection)}
   * @return the scrubbed text, or null for null
   */
  public static String scrub(String text, Collection<String> secrets) {
    return scrub(Redaction.scrub(text, secrets));
  }

  /**
   * A throwable that reads like {@code failure} with the known secrets and every token shape
   * masked in each message of its chain; {@code failure} itself when nothing had to be masked.
   *
   * @param failure the throwable, or null
   * @param secrets the secret values
   * @return {@code failure}, or a masked copy of its chain (see {@link Redaction#scrub(Throwable,
   *     Collection)})
   */
  public static Throwable scrub(Throwable failure, Collection<String> secrets) {
    return Redaction.rewrite(Redaction.scrub(failure, secrets), TokenRedaction::scrub);
  }

  /**
   * A stand-in for a throwable whose text the client does not copy (a token source's own
   * exception, which may quote any secret, a token the client never saw included): each
   * throwable of the chain becomes a {@link Redaction.RedactedException} with the original class
   * name, the AADSTS codes its message named, and its stack trace; the message itself is dropped.
   *
   * @param failure the throwable, or null
   * @return the stand-in, or null for null
   */
  public static Throwable withheld(Throwable failure) {
    return failure == null ? null : withheld(failure, 0);
  }

  /**
   * The AADSTS codes (such as {@code AADSTS50076}) a text names, in order, each once.
   *
   * @param text the text, or null
   * @return the codes; empty when there is none
   */
  public static List<String> aadstsCodes(String text) {
    Set<String> codes = new LinkedHashSet<>();
    if (text != null) {
      Matcher matcher = AADSTS.matcher(text);
      while (matcher.find()) {
        codes.add(matcher.group());
      }
    }
    return List.copyOf(codes);
  }

  /**
   * The AADSTS codes named anywhere in a throwable's chain, before its text is withheld.
   *
   * @param failure the throwable, or null
   * @return the codes; empty when there is none
   */
  public static List<String> aadstsCodes(Throwable failure) {
    List<String> codes = new ArrayList<>();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      for (String code : aadstsCodes(t.getMessage())) {
        if (!codes.contains(code)) {
          codes.add(code);
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return List.copyOf(codes);
  }

  private static Throwable withheld(Throwable failure, int depth) {
    List<String> codes = aadstsCodes(failure.getMessage());
    Redaction.RedactedException copy =
        new Redaction.RedactedException(failure.getClass().getName()
            + (failure.getMessage() == null
                ? ""
                : " (message withheld"
                    + (codes.isEmpty() ? "" : "; it named " + String.join(", ", codes)) + ")"));
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure && depth < 16) {
      copy.initCause(withheld(cause, depth + 1));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (depth < 16) {
        copy.addSuppressed(withheld(suppressed, depth + 1));
      }
    }
    return copy;
  }
}
