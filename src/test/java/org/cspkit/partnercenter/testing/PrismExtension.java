package org.cspkit.partnercenter.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PrismServer}: one for the whole test run, started on first use and closed
 * by JUnit when the run ends (the root store closes it), so Prism starts once and leaves no
 * process behind.
 */
public final class PrismExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PrismServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(PrismExtension.class))
        .getOrComputeIfAbsent(
            PrismServer.class,
            key -> {
              try {
                return PrismServer.start();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            PrismServer.class);
  }
}
