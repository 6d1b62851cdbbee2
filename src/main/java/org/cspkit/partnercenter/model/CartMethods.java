package org.cspkit.partnercenter.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Methods of {@link Cart} computed from its properties. {@code Cart}, generated from the spec,
 * implements this interface (the spec's {@code x-java-implements}); no other type can.
 */
public sealed interface CartMethods permits Cart {

  /**
   * The line items (and add-on items) of this cart that carry an error. Partner Center creates
   * and updates a cart with line-item errors (201), and checkout then fails with 800009. An
   * error's {@link CartError#errorCode() errorCode()} is the raw integer, which may be outside the
   * documented set (such as 400039).
   *
   * <pre>{@code
   * List<CartLineItem> problems = cart.lineItemsWithErrors();
   * }</pre>
   *
   * @return the line items whose {@link CartLineItem#error() error()} is set, in order, add-on
   *     items after their base line; empty when there is none. Unmodifiable
   */
  default List<CartLineItem> lineItemsWithErrors() {
    List<CartLineItem> withErrors = new ArrayList<>();
    collectErrors(((Cart) this).lineItems(), withErrors);
    return List.copyOf(withErrors);
  }

  private static void collectErrors(List<CartLineItem> lines, List<CartLineItem> withErrors) {
    for (CartLineItem line : lines) {
      if (line.error() != null) {
        withErrors.add(line);
      }
      collectErrors(line.addonItems(), withErrors);
    }
  }
}
