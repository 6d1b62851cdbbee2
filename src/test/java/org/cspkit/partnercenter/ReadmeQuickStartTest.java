package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, read from README.md and compiled with the JDK's compiler exactly as it
 * is written there (its imports at the top of a class, its statements as a method's body, {@code
 * customerId} a parameter), then run against Prism. To run it against Prism instead of Partner
 * Center, a second method holds the same statements without the first one, which builds the
 * client, and takes the client as a parameter.
 */
@ExtendWith(PrismExtension.class)
class ReadmeQuickStartTest {
  private static final String CLIENT_STATEMENT = "PartnerCenterClient client =";

  @TempDir
  static Path dir;

  private static Class<?> quickStart;

  @BeforeAll
  static void compileTheQuickStartAsWritten() throws Exception {
    List<String> lines = quickStartBlock().lines().toList();
    List<String> imports =
        lines.stream().filter(line -> line.startsWith("import ")).toList();
    List<String> body = lines.subList(imports.size(), lines.size()).stream()
        .dropWhile(String::isBlank)
        .toList();
    assertThat(imports).as("the quick start shows its imports").isNotEmpty();
    assertThat(body.get(0)).startsWith(CLIENT_STATEMENT);
    int clientEnd = 0;
    while (!body.get(clientEnd).endsWith(";")) {
      clientEnd++;
    }
    String statements = String.join("\n", body);
    for (String line : imports) {
      String simpleName = line.substring(line.lastIndexOf('.') + 1, line.length() - 1);
      assertThat(statements)
          .as("the quick start uses what it imports: " + line)
          .containsPattern("\\b" + simpleName + "\\b");
    }
    String source = String.join("\n", imports)
        + "\n\npublic class QuickStart {\n"
        + "  public static void asWritten(String customerId) {\n"
        + statements
        + "\n  }\n\n"
        + "  public static void withClient(PartnerCenterClient client, String customerId) {\n"
        + String.join("\n", body.subList(clientEnd + 1, body.size()))
        + "\n  }\n}\n";
    Path file = dir.resolve("QuickStart.java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean compiled = compiler
          .getTask(
              null,
              files,
              diagnostics,
              List.of(
                  "-proc:none",
                  "-Xlint:all",
                  "-Werror",
                  "-classpath",
                  System.getProperty(
                      "surefire.test.class.path", System.getProperty("java.class.path")),
                  "-d",
                  classes.toString()),
              null,
              files.getJavaFileObjects(file))
          .call();
      assertThat(compiled).as(source + "\n" + diagnostics.getDiagnostics()).isTrue();
    }
    @SuppressWarnings("resource") // Holds the compiled class for the whole test class.
    URLClassLoader loader = new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, ReadmeQuickStartTest.class.getClassLoader());
    quickStart = loader.loadClass("QuickStart");
  }

  @Test
  void theReadmeIsShortAndStartsWithAQuickStartOfAtMost40Lines() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    assertThat(readme).hasSizeLessThan(300);
    int start = readme.indexOf("## Quick start");
    assertThat(start)
        .as("the first section is the quick start")
        .isEqualTo(readme.stream()
            .filter(line -> line.startsWith("## "))
            .findFirst()
            .map(readme::indexOf)
            .orElseThrow());
    int end = start + 1;
    while (!readme.get(end).startsWith("## ")) {
      end++;
    }
    List<String> section = new ArrayList<>(readme.subList(start, end));
    while (section.get(section.size() - 1).isBlank()) {
      section.remove(section.size() - 1);
    }
    assertThat(section).hasSizeLessThanOrEqualTo(40);
  }

  @Test
  void thePurchaseSendsOneCorrelationIdAndPrintsTheOrders(PrismServer prism) throws Exception {
    List<Request> sent = new CopyOnWriteArrayList<>();
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(prism.baseUrl())
        .accessToken("any")
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> {
              sent.add(chain.request());
              return chain.proceed(chain.request());
            })
            .build())
        .build();

    Printed printed = run(client);

    assertThat(printed.err()).isEmpty();
    assertThat(printed.out().lines())
        .hasSize(3)
        .contains("3c6f2530-1e31-4088-8230-dd1c31a18bce completed");
    assertThat(sent)
        .extracting(request -> request.method() + " " + request.url().encodedPath())
        .containsExactly(
            "POST /v1/customers/" + PrismCheckoutTest.CUSTOMER_ID + "/carts",
            "POST /v1/customers/" + PrismCheckoutTest.CUSTOMER_ID
                + "/carts/3655b1a0-b1c9-4268-9824-577fdbc4d0be/checkout");
    assertThat(sent)
        .extracting(request -> request.header("MS-CorrelationId"))
        .doesNotContainNull()
        .containsOnly(sent.get(0).header("MS-CorrelationId"));
    assertThat(sent).extracting(request -> request.header("MS-RequestId")).doesNotHaveDuplicates();
  }

  @Test
  void aCheckoutWhoseAnswerIsLostIsReportedAsMayHaveBought(PrismServer prism) throws Exception {
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(prism.baseUrl())
        .accessToken("any")
        .retryOptions(RetryOptions.NONE)
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> {
              okhttp3.Response response = chain.proceed(chain.request());
              if (chain.request().url().encodedPath().endsWith("/checkout")) {
                response.close();
                throw new IOException("connection reset after the checkout was sent");
              }
              return response;
            })
            .build())
        .build();

    Printed printed = run(client);

    assertThat(printed.out()).isEmpty();
    assertThat(printed.err()).startsWith("may have bought: ");
  }

  @Test
  void aRefusedCheckoutIsReportedAsFailed(PrismServer prism) throws Exception {
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl(prism.baseUrl())
        .accessToken("any")
        .httpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(
                chain.request().url().encodedPath().endsWith("/checkout")
                    ? chain.request().newBuilder().header("Prefer", "code=404").build()
                    : chain.request()))
            .build())
        .build();

    Printed printed = run(client);

    assertThat(printed.out()).isEmpty();
    assertThat(printed.err()).startsWith("failed: Partner Center returned 404 (800008)");
  }

  @Test
  void asWrittenTheClientTakesItsTokenFromTheEnvironment() throws Exception {
    Method asWritten = quickStart.getMethod("asWritten", String.class);
    if (System.getenv("PARTNER_CENTER_ACCESS_TOKEN") == null) {
      // Refused before anything is sent, rather than sent to Partner Center without a token.
      assertThatThrownBy(() -> asWritten.invoke(null, PrismCheckoutTest.CUSTOMER_ID))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("access token");
    }
  }

  private record Printed(String out, String err) {}

  private static Printed run(PartnerCenterClient client) throws Exception {
    Method withClient = quickStart.getMethod("withClient", PartnerCenterClient.class, String.class);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
    try (client) {
      withClient.invoke(null, client, PrismCheckoutTest.CUSTOMER_ID);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Printed(
        outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
  }

  /** The first java block of README.md. */
  private static String quickStartBlock() throws IOException {
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("README.md")));
    assertThat(block.find()).as("README.md has a java block").isTrue();
    return block.group(1);
  }
}
