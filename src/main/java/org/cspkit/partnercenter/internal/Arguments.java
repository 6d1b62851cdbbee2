package org.cspkit.partnercenter.internal;

import java.util.UUID;

/**
 * Checks of a call's arguments, made before anything is sent: each failure is an {@link
 * IllegalArgumentException} that names the argument or field and quotes the bad value.
 */
public final class Arguments {
  private Arguments() {}

  /**
   * Accepts a GUID in its 36-character form (8-4-4-4-12 hexadecimal digits, any case).
   *
   * @param value the value
   * @param name the argument's name, for the message
   * @return the GUID
   * @throws IllegalArgumentException if it is null or not a GUID
   */
  public static UUID requireGuid(String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must be a GUID, got null");
    }
    boolean valid = value.length() == 36;
    for (int i = 0; valid && i < 36; i++) {
      char c = value.charAt(i);
      valid = (i == 8 || i == 13 || i == 18 || i == 23)
          ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (!valid) {
      throw new IllegalArgumentException(name
          + " must be a GUID such as d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d, got '" + value + "'");
    }
    return UUID.fromString(value);
  }

  /**
   * Accepts an opaque ID such as an order ID: not blank, one path segment that names itself (not
   * {@code .} or {@code ..}, which a URL resolves to the parent), no control character.
   *
   * @param value the value
   * @param name the argument's name, for the message
   * @return the value
   * @throws IllegalArgumentException if it is null, blank, {@code .} or {@code ..}, or contains
   *     {@code /}, {@code ?}, {@code #} or a control or space character
   */
  public static String requireId(String value, String name) {
    if (value == null
        || value.isEmpty()
        || value.equals(".")
        || value.equals("..")
        || !value.chars().allMatch(c -> c > ' ' && c != 0x7f && c != '/' && c != '?' && c != '#')) {
      throw new IllegalArgumentException(name + " must be an ID such as"
          + " YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1 (no spaces, '/', '?' or '#', not '.' or '..'),"
          + " got " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }
}
