package org.cspkit.partnercenter.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test whose server answers what the OpenAPI document forbids, on purpose, to show that
 * the client tolerates it: {@link ContractViolationsExtension} then does not fail it for the
 * response. Requests are still checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OutsideTheContract {
  /** What the response does that the spec forbids. */
  String value();
}
