package org.cspkit.partnercenter.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI document says of the operation a generated Retrofit method sends: its {@code
 * operationId} and the 2xx statuses it documents. Written by the {@code api.mustache} template on
 * each method; {@link OperationBindings} reads it once per method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpecOperation {
  /**
   * The spec's {@code operationId}, such as {@code checkoutCart}; the key of {@link
   * OperationTable}.
   *
   * @return the operation ID
   */
  String id();

  /**
   * The 2xx statuses the spec documents for the operation; any other 2xx is not a documented
   * success.
   *
   * @return the statuses, such as {@code {200, 201}}
   */
  int[] success();
}
