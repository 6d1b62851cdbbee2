package org.cspkit.partnercenter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2.0 bearer access token for the Partner Center API, with its expiry when known.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the token value.
 */
public final class AccessToken {
  private final String value;
  private final Instant expiresAt;

  private AccessToken(String value, Instant expiresAt) {
    this.value = value;
    this.expiresAt = expiresAt;
  }

  /**
   * A token with no known expiry.
   *
   * @param value the token as issued by Entra ID, without the {@code Bearer } prefix
   * @return the token
   * @throws IllegalArgumentException if {@code value} is null or blank, or contains a character
   *     that cannot appear in an HTTP header
   */
  public static AccessToken of(String value) {
    return new AccessToken(validate(value), null);
  }

  /**
   * A token that expires at {@code expiresAt}.
   *
   * @param value the token as issued by Entra ID, without the {@code Bearer } prefix
   * @param expiresAt when the token expires (UTC instant, as computed from {@code expires_in})
   * @return the token
   * @throws IllegalArgumentException if {@code value} is null, blank or not a valid header value
   * @throws NullPointerException if {@code expiresAt} is null
   */
  public static AccessToken of(String value, Instant expiresAt) {
    return new AccessToken(validate(value), Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  private static String validate(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("access token must not be null or blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        // Deliberately does not echo the value: it is a secret.
        throw new IllegalArgumentException(
            "access token contains a character not allowed in an HTTP header, at index " + i);
      }
    }
    return value;
  }

  /**
   * The token value, to be sent as {@code Authorization: Bearer <value>}. Treat it as a secret.
   *
   * @return the token value, never null or blank
   */
  public String value() {
    return value;
  }

  /**
   * When the token expires, if the source knows.
   *
   * @return the expiry instant, or empty when unknown
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Shows the expiry, never the token value. */
  @Override
  public String toString() {
    return "AccessToken{value=****, expiresAt=" + (expiresAt == null ? "unknown" : expiresAt) + "}";
  }
}
