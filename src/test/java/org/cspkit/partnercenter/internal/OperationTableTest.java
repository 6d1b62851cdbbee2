package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The table of operation rules names operations of the spec, and every operation is bound. */
class OperationTableTest {
  @Test
  void everyOperationWithRulesIsAGeneratedMethod() throws Exception {
    List<String> generated = new ArrayList<>();
    for (Method method : generatedMethods()) {
      generated.add(method.getAnnotation(SpecOperation.class).id());
    }
    assertThat(generated).contains("createCart", "checkoutCart", "getOrderProvisioningStatus");
    assertThat(generated).containsAll(OperationTable.operationsWithRules());
  }

  @Test
  void everyGeneratedMethodIsBoundThroughItsSpecOperation() throws Exception {
    for (Method method : generatedMethods()) {
      assertThat(method.getReturnType()).as(method.getName()).isEqualTo(OperationCall.class);
      assertThat(method.getAnnotation(SpecOperation.class).id())
          .as("the method is named after its operationId")
          .isEqualTo(method.getName());
      assertThat(method.getAnnotation(SpecOperation.class).success()).isNotEmpty();
    }
  }

  @Test
  void operationsWithoutRulesOfTheirOwnGetTheGenericOnes() {
    assertThat(OperationTable.rules("getCart")).isSameAs(OperationRules.GENERIC);
    assertThat(OperationTable.rules("checkoutCart")).isSameAs(CheckoutRules.INSTANCE);
  }

  /** The methods of every generated Retrofit interface, found on the class path. */
  private static List<Method> generatedMethods()
      throws IOException, URISyntaxException, ClassNotFoundException {
    String pkg = "org.cspkit.partnercenter.internal.generated";
    Path root = Path.of(
        OperationTable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Method> methods = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
      for (Path file : files.filter(f -> f.toString().endsWith("Api.class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        for (Method method : Class.forName(pkg + "." + name).getDeclaredMethods()) {
          methods.add(method);
        }
      }
    }
    assertThat(methods).isNotEmpty();
    return methods;
  }
}
