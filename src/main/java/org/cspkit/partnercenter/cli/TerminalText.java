package org.cspkit.partnercenter.cli;

import java.util.function.IntPredicate;

/**
 * Makes text from the server safe to print on a terminal: control characters (C0, DEL, C1), which
 * could carry escape or OSC sequences, become visible {@code \\uXXXX} escapes; line breaks and tabs
 * become a space so that one value stays on one line. JSON text gets the same escapes for DEL and
 * the C1 controls, which JSON allows raw (it escapes the C0 ones itself).
 */
final class TerminalText {
  private TerminalText() {}

  /**
   * The text with every control character neutralised.
   *
   * @param text any text, or null
   * @return the text safe to print, "null" for null
   */
  static String safe(String text) {
    if (text == null) {
      return "null";
    }
    return escaped(text, c -> c < 0x20 || isDelOrC1(c), true);
  }

  /**
   * JSON text with DEL and the C1 controls escaped: they can only stand in its strings, where
   * the escape means the same character.
   *
   * @param json JSON text
   * @return the same JSON, safe to print
   */
  static String safeJson(String json) {
    return escaped(json, TerminalText::isDelOrC1, false);
  }

  private static boolean isDelOrC1(int c) {
    return c >= 0x7f && c <= 0x9f;
  }

  /** The text with each control as a {@code \\uXXXX} escape; line breaks and tabs as a space. */
  private static String escaped(String text, IntPredicate control, boolean breaksAsSpace) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escape = control.test(c);
      if (escape && safe == null) {
        safe = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (safe != null) {
        if (!escape) {
          safe.append(c);
        } else if (breaksAsSpace && (c == '\n' || c == '\r' || c == '\t')) {
          safe.append(' ');
        } else {
          safe.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return safe == null ? text : safe.toString();
  }
}
