package org.cspkit.partnercenter.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Javadoc of the generated models, read from their sources: every record component is
 * described by the spec (in the record's, the constructor's and the builder setter's Javadoc), and
 * no Javadoc shows Markdown a reader would see literally.
 */
class GeneratedJavadocTest {
  private static final Path MODELS =
      Path.of("target/generated-sources/openapi/src/main/java/org/cspkit/partnercenter/model");
  private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern COMPONENT =
      Pattern.compile("@Json\\(name = \"([^\"]+)\"\\) .* (\\w+),?$", Pattern.MULTILINE);
  private static final Pattern BLOCK_TAG = Pattern.compile("@(param|return|throws|serial)\\b.*");

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(MODELS)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList().stream();
    }
  }

  static Stream<Path> records() throws IOException {
    List<Path> records = new ArrayList<>();
    for (Path file : models().toList()) {
      if (Files.readString(file).contains("\npublic record ")) {
        records.add(file);
      }
    }
    return records.stream();
  }

  @Test
  void theModelsAreThere() throws IOException {
    assertThat(records()).hasSizeGreaterThan(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void everyComponentIsDescribedWhereverItIsDocumented(Path file) throws IOException {
    String source = Files.readString(file);
    String name = file.getFileName().toString().replace(".java", "");
    Map<String, String> components = new LinkedHashMap<>();
    Matcher declared = COMPONENT.matcher(source);
    while (declared.find()) {
      components.put(declared.group(2), declared.group(1));
    }
    assertThat(components).isNotEmpty();
    Map<String, String> record =
        params(javadocBefore(source, "@JsonClass(generateAdapter = true)\npublic record"));
    Map<String, String> constructor = params(javadocBefore(source, "public " + name + " {"));
    components.forEach((component, jsonName) -> {
      String placeholder = "JSON property {@code " + jsonName + "}.";
      assertThat(record.get(component))
          .as("%s: the record's @param %s", name, component)
          .isNotBlank()
          .isNotEqualTo(placeholder);
      assertThat(constructor.get(component))
          .as("%s: the constructor's @param %s", name, component)
          .isEqualTo(record.get(component));
      assertThat(mainText(javadocBefore(source, "public Builder " + component + "(")))
          .as("%s: the builder's %s(…)", name, component)
          .contains(record.get(component));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void noJavadocShowsMarkdownOrStartsALineWithAnUnknownTag(Path file) throws IOException {
    Matcher javadoc = JAVADOC.matcher(Files.readString(file));
    while (javadoc.find()) {
      String text = javadoc.group(1);
      assertThat(text).as("%s: %s", file.getFileName(), text).doesNotContain("`");
      for (String line : lines(text)) {
        if (line.startsWith("@")) {
          assertThat(line)
              .as("%s: a line that Javadoc reads as a tag", file.getFileName())
              .matches(BLOCK_TAG);
        }
      }
    }
  }

  /** The Javadoc right before {@code declaration}, as lines without their leading "*". */
  private static String javadocBefore(String source, String declaration) {
    int at = source.indexOf(declaration);
    assertThat(at).as("declaration %s", declaration).isPositive();
    int start = source.lastIndexOf("/**", at);
    int end = source.lastIndexOf("*/", at);
    assertThat(source.substring(end + 2, at))
        .as("Javadoc right before %s", declaration)
        .isBlank();
    return String.join("\n", lines(source.substring(start + 3, end)));
  }

  private static List<String> lines(String javadoc) {
    return javadoc
        .lines()
        .map(line -> line.strip().replaceFirst("^\\*\\s?", ""))
        .toList();
  }

  /** The text before the first block tag, with whitespace collapsed. */
  private static String mainText(String javadoc) {
    int tag = javadoc.indexOf("\n@");
    return collapse(tag < 0 ? javadoc : javadoc.substring(0, tag));
  }

  /** Each {@code @param}'s text, with whitespace collapsed. */
  private static Map<String, String> params(String javadoc) {
    return Stream.of(("\n" + javadoc).split("\n(?=@)"))
        .filter(tag -> tag.startsWith("@param "))
        .map(tag -> tag.substring("@param ".length()).split("\\s", 2))
        .collect(Collectors.toMap(
            parts -> parts[0],
            parts -> parts.length > 1 ? collapse(parts[1]) : "",
            (a, b) -> a,
            LinkedHashMap::new));
  }

  private static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
