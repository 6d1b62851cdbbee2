package org.cspkit.partnercenter.cli;

/**
 * Makes text from the server safe to print on a terminal: control characters (C0, DEL, C1), which
 * could carry escape or OSC sequences, become visible {@code \\uXXXX} escapes; line breaks and tabs
 * become a space so that one value stays on one line.
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
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      if (control && safe == null) {
        safe = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (safe != null) {
        if (!control) {
          safe.append(c);
        } else if (c == '\n' || c == '\r' || c == '\t') {
          safe.append(' ');
        } else {
          safe.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return safe == null ? text : safe.toString();
  }
}
