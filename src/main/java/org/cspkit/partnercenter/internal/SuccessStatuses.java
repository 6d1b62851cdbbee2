package org.cspkit.partnercenter.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The 2xx statuses the spec documents for an operation, put on each method of the generated
 * Retrofit interfaces by {@code generator-templates/api.mustache}. {@link Pipeline} reads it from
 * the request's {@code retrofit2.Invocation} tag: a POST or PUT answered with another 2xx may or
 * may not have taken effect.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SuccessStatuses {
  /**
   * The documented success statuses.
   *
   * @return the statuses, such as {@code 201, 200}
   */
  int[] value();
}
