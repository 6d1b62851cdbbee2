package org.cspkit.partnercenter.internal;

import java.util.UUID;
import org.cspkit.partnercenter.CheckoutParams;
import org.cspkit.partnercenter.OrderGetParams;
import org.cspkit.partnercenter.OrderListParams;
import org.cspkit.partnercenter.ProvisioningWaitOptions;
import org.cspkit.partnercenter.RequestOptions;

/**
 * Checks of a call's arguments, made before anything is sent: each failure is an {@link
 * IllegalArgumentException} that names the argument or field and quotes the bad value, with any
 * surrogate escaped (<code>&#92;uD800</code>).
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
    requireWellFormed(value, name);
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
   *     {@code /}, {@code ?}, {@code #}, a control or space character, or a lone surrogate
   */
  public static String requireId(String value, String name) {
    if (value != null) {
      requireWellFormed(value, name);
    }
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

  /**
   * Accepts text that UTF-8, and so a URL or a JSON body, carries as given: well-formed UTF-16,
   * every surrogate in a pair. A lone surrogate would be sent as {@code ?}, naming something else.
   *
   * @param value the value, not null
   * @param name the argument's name or the field's path, for the message
   * @return the value
   * @throws IllegalArgumentException if it has a lone surrogate
   */
  public static String requireWellFormed(String value, String name) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(String.format(
            "%s must be well-formed UTF-16, but has a lone surrogate (\\u%04X at index %d) that"
                + " would be sent as '?', got '%s'",
            name, (int) c, i, escapeSurrogates(value)));
      }
    }
    return value;
  }

  /**
   * The text with each surrogate written as a Java escape, such as <code>&#92;uD800</code>, so that a
   * message quoting it shows what was given.
   *
   * @param value the text
   * @return the escaped text
   */
  static String escapeSurrogates(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 12);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        escaped.append(String.format("\\u%04X", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * Accepts a call's request options.
   *
   * @param options the options
   * @return the options
   * @throws IllegalArgumentException if they are null
   */
  public static RequestOptions requireOptions(RequestOptions options) {
    return requireNonNull(options, "options", "RequestOptions.defaults()");
  }

  /**
   * Accepts a number that counts from 0, such as an order line item's number.
   *
   * @param value the number
   * @param name the argument's name, for the message
   * @return the number
   * @throws IllegalArgumentException if it is negative
   */
  public static int requireNonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
    }
    return value;
  }

  /**
   * Accepts a checkout's parameters.
   *
   * @param params the parameters
   * @return the parameters
   * @throws IllegalArgumentException if they are null
   */
  public static CheckoutParams requireParams(CheckoutParams params) {
    return requireNonNull(params, "params", "CheckoutParams.none()");
  }

  /**
   * Accepts an order list's parameters.
   *
   * @param params the parameters
   * @return the parameters
   * @throws IllegalArgumentException if they are null
   */
  public static OrderListParams requireParams(OrderListParams params) {
    return requireNonNull(params, "params", "OrderListParams.none()");
  }

  /**
   * Accepts an order read's parameters.
   *
   * @param params the parameters
   * @return the parameters
   * @throws IllegalArgumentException if they are null
   */
  public static OrderGetParams requireParams(OrderGetParams params) {
    return requireNonNull(params, "params", "OrderGetParams.none()");
  }

  /**
   * Accepts a provisioning wait's options.
   *
   * @param wait the options
   * @return the options
   * @throws IllegalArgumentException if they are null
   */
  public static ProvisioningWaitOptions requireWait(ProvisioningWaitOptions wait) {
    return requireNonNull(wait, "wait", "ProvisioningWaitOptions.defaults()");
  }

  /**
   * Accepts an argument that has a factory for "nothing set": the message names the argument as
   * the Javadoc does, its type, and the factory, such as {@code options (RequestOptions) must not
   * be null; use RequestOptions.defaults()}.
   */
  private static <T> T requireNonNull(T value, String name, String instead) {
    if (value == null) {
      throw new IllegalArgumentException(name + " (" + instead.substring(0, instead.indexOf('.'))
          + ") must not be null; use " + instead);
    }
    return value;
  }
}
