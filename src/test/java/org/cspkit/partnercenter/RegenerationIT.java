package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regeneration workflow of the README, run for real on a copy of this project (pom, spec,
 * templates, main sources) with the same Maven: generation is skipped when nothing changed, runs
 * again when a template changes, and a new optional field added to {@code Order} in the spec comes
 * out as a record component that decodes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RegenerationIT {
  private static final Path PROJECT = Path.of(System.getProperty("project.basedir"));
  private static final String ORDER_JAVA =
      "target/generated-sources/openapi/src/main/java/org/cspkit/partnercenter/model/Order.java";

  @TempDir
  Path copy;

  /** The copy's link to this build's npm tools goes first: @TempDir warns of such a link. */
  @AfterEach
  void unlinkNodeModules() throws IOException {
    Files.deleteIfExists(copy.resolve("openapi/node_modules"));
  }

  @Test
  void generationIsSkippedWhenNothingChangedAndRerunsOnTemplateOrSpecChanges() throws Exception {
    copyProject();
    Path order = copy.resolve(ORDER_JAVA);

    String first = maven("generate-sources");
    assertThat(order).exists();
    FileTime generated = Files.getLastModifiedTime(order);

    String second = maven("generate-sources");
    assertThat(second).contains("Code generation is skipped");
    assertThat(Files.getLastModifiedTime(order)).isEqualTo(generated);

    Path template = copy.resolve("generator-templates/pojo.mustache");
    Files.setLastModifiedTime(template, FileTime.from(Instant.now().plusSeconds(5)));
    String third = maven("generate-sources");
    assertThat(third).doesNotContain("Code generation is skipped");
    assertThat(Files.getLastModifiedTime(order)).isGreaterThan(generated);
    assertThat(first).doesNotContain("Code generation is skipped");
  }

  @Test
  void aNewOptionalFieldOnOrderIsGeneratedAndDecodes() throws Exception {
    copyProject();
    Path spec = copy.resolve("openapi/partner-center-purchase.yaml");
    String yaml = Files.readString(spec);
    String anchor = "    Order:\n      type: object\n      properties:\n";
    assertThat(yaml).contains(anchor);
    Files.writeString(
        spec,
        yaml.replace(
            anchor,
            anchor
                + "        promotionId:\n"
                + "          type: string\n"
                + "          description: Added by RegenerationIT, as a spec change would add it.\n"));

    maven("compile");

    assertThat(Files.readString(copy.resolve(ORDER_JAVA))).contains("promotionId");
    try (URLClassLoader regenerated = new ChildFirst(copy.resolve("target/classes"))) {
      Class<?> support = regenerated.loadClass("org.cspkit.partnercenter.internal.JsonSupport");
      Object moshi = support.getMethod("newMoshi").invoke(null);
      Class<?> resultType =
          regenerated.loadClass("org.cspkit.partnercenter.model.CartCheckoutResult");
      Object adapter = moshi.getClass().getMethod("adapter", Class.class).invoke(moshi, resultType);
      Object result = adapter
          .getClass()
          .getMethod("fromJson", String.class)
          .invoke(adapter, "{\"orders\":[{\"id\":\"o-1\",\"promotionId\":\"P-42\"}]}");
      Object firstOrder = ((List<?>) resultType.getMethod("orders").invoke(result)).get(0);
      Method promotionId = firstOrder.getClass().getMethod("promotionId");
      assertThat(promotionId.invoke(firstOrder)).isEqualTo("P-42");
    }
  }

  /** Loads this project's classes from the regenerated copy, everything else from the test's. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(Path classes) throws IOException {
      super(new URL[] {classes.toUri().toURL()}, RegenerationIT.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith("org.cspkit.partnercenter.")) {
          Class<?> loaded = findLoadedClass(name);
          return loaded != null ? loaded : findClass(name);
        }
        return super.loadClass(name, resolve);
      }
    }
  }

  private void copyProject() throws IOException {
    Files.copy(PROJECT.resolve("pom.xml"), copy.resolve("pom.xml"));
    copyTree(PROJECT.resolve(".mvn"), copy.resolve(".mvn"));
    copyTree(PROJECT.resolve("generator-templates"), copy.resolve("generator-templates"));
    copyTree(PROJECT.resolve("src/main"), copy.resolve("src/main"));
    Files.createDirectories(copy.resolve("openapi"));
    for (String file : List.of(
        "partner-center-purchase.yaml", ".spectral.yaml", "package.json", "package-lock.json")) {
      Files.copy(
          PROJECT.resolve("openapi").resolve(file), copy.resolve("openapi").resolve(file));
    }
    // The npm tools this build installed; their presence also skips npm ci in the copy.
    Files.createSymbolicLink(
        copy.resolve("openapi/node_modules"), PROJECT.resolve("openapi/node_modules"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Runs Maven offline in the copy (the outer build has fetched every plugin) and returns its log. */
  private String maven(String phase) throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-o", phase));
    Process process = new ProcessBuilder(command)
        .directory(copy.toFile())
        .redirectErrorStream(true)
        .start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("mvn %s in the copy:%n%s", phase, log).isZero();
    return log;
  }
}
