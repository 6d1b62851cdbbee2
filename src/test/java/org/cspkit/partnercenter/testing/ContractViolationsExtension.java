package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which {@link ContractValidator} recorded a request or accepted response
 * that does not match the OpenAPI document. Registered for every test through
 * {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class ContractViolationsExtension implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    List<String> violations = ContractValidator.drainViolations();
    if (context.getRequiredTestMethod().isAnnotationPresent(OutsideTheContract.class)) {
      violations.removeIf(violation -> violation.startsWith("accepted response"));
    }
    assertThat(violations)
        .as("traffic that does not match openapi/partner-center-purchase.yaml")
        .isEmpty();
  }
}
