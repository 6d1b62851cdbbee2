package org.cspkit.partnercenter.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.PartnerCenterClientBuilder;
import org.cspkit.partnercenter.internal.BodyDecoder;
import org.cspkit.partnercenter.internal.JsonSupport;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import retrofit2.Invocation;

/**
 * Validates traffic against the OpenAPI document with Atlassian's openapi-request-validator: every
 * request a client sends through it (path, headers, query and body), and every response the client
 * accepts (a 2xx whose body decodes into the model of the operation's generated Retrofit method,
 * as the client's own decoder decides). Responses the
 * client rejects are the fault tests' business and are not checked.
 *
 * <p>A test that sends what the spec forbids on purpose, to show that the client tolerates it (an
 * unknown enum value, a byte-order mark), says so with {@link OutsideTheContract}.
 *
 * <p>Violations are collected, not thrown, so that they cannot turn into a retried transport
 * failure inside the client; {@link ContractViolationsExtension} fails the test that caused them.
 */
public final class ContractValidator implements Interceptor {
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(
              Path.of(System.getProperty("openapi.spec")).toUri().toString())
          // OpenAPI allows properties a schema does not list unless it says otherwise; the
          // validator's default is to reject them.
          .withLevelResolver(LevelResolver.create()
              .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
              .withLevel(
                  "validation.response.body.schema.additionalProperties",
                  ValidationReport.Level.IGNORE)
              .build())
          .build();
  private static final Moshi MOSHI = JsonSupport.newMoshi();
  private static final long MAX_CHECKED_BODY = 1024 * 1024;
  private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

  /** Requests validated since the JVM started. */
  public static final AtomicLong REQUESTS_CHECKED = new AtomicLong();
  /** Accepted responses validated since the JVM started. */
  public static final AtomicLong RESPONSES_CHECKED = new AtomicLong();

  /** An OkHttp client whose traffic is validated. */
  public static OkHttpClient okHttp() {
    return install(new OkHttpClient.Builder()).build();
  }

  /** Adds the validator to {@code builder} as a network interceptor: it sees what is on the wire. */
  public static OkHttpClient.Builder install(OkHttpClient.Builder builder) {
    return builder.addNetworkInterceptor(new ContractValidator());
  }

  /** A checkout client builder whose traffic is validated. */
  public static PartnerCenterClientBuilder client() {
    return PartnerCenterClient.builder().httpClient(okHttp());
  }

  /**
   * A client builder whose requests and every response, errors included, are validated: for a
   * server whose answers are the test's subject (the shipped fake Partner Center).
   */
  public static PartnerCenterClientBuilder clientCheckingAllResponses() {
    return PartnerCenterClient.builder()
        .httpClient(new OkHttpClient.Builder()
            .addNetworkInterceptor(new ContractValidator(true))
            .build());
  }

  /**
   * A client builder for the shipped fake, every response validated, with the fake's base URL
   * and a token the fake accepts.
   *
   * @param fake the running fake
   * @return the builder, for more settings and {@code build()}
   */
  public static PartnerCenterClientBuilder clientFor(
      org.cspkit.partnercenter.test.FakePartnerCenter fake) {
    return clientCheckingAllResponses().baseUrl(fake.baseUrl()).accessToken("any-token");
  }

  private final boolean allResponses;

  private ContractValidator() {
    this(false);
  }

  private ContractValidator(boolean allResponses) {
    this.allResponses = allResponses;
  }

  /** The violations recorded since the last call, which clears them. */
  public static List<String> drainViolations() {
    List<String> drained = new ArrayList<>(VIOLATIONS);
    VIOLATIONS.removeAll(drained);
    return drained;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath();
    SimpleRequest.Builder checked = new SimpleRequest.Builder(request.method(), path, true);
    for (String name : request.headers().names()) {
      checked.withHeader(name, request.headers(name));
    }
    for (String name : request.url().queryParameterNames()) {
      checked.withQueryParam(name, request.url().queryParameterValues(name));
    }
    if (request.body() != null && request.body().contentLength() > 0) {
      Buffer sent = new Buffer();
      request.body().writeTo(sent);
      checked.withBody(sent.readUtf8());
    }
    record("request " + request.method() + " " + path, VALIDATOR.validateRequest(checked.build()));
    REQUESTS_CHECKED.incrementAndGet();

    Response response = chain.proceed(request);
    if (!response.isSuccessful() && !allResponses) {
      return response; // error bodies stay unread here: some tests count the bytes read
    }
    byte[] body = response.peekBody(MAX_CHECKED_BODY).bytes();
    if (body.length < MAX_CHECKED_BODY
        && (!response.isSuccessful() || accepted(body, resultType(request)))) {
      SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.code())
          .withBody(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      for (String name : response.headers().names()) {
        answer.withHeader(name, response.headers(name));
      }
      record(
          "accepted response " + response.code() + " to " + path,
          VALIDATOR.validateResponse(path, Method.valueOf(request.method()), answer.build()));
      RESPONSES_CHECKED.incrementAndGet();
    }
    return response;
  }

  /** The model a 2xx of this request decodes into: the generated interface method's. */
  private static Type resultType(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    return invocation == null
        ? CartCheckoutResult.class
        : ((ParameterizedType) invocation.method().getGenericReturnType())
            .getActualTypeArguments()[0];
  }

  private static boolean accepted(byte[] body, Type type) {
    try {
      BodyDecoder.decode(MOSHI.adapter(type), new Buffer().write(body));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void record(String what, ValidationReport report) {
    if (report.hasErrors()) {
      VIOLATIONS.add(what + ": "
          + report.getMessages().stream()
              .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
              .map(message -> message.getKey() + " " + message.getMessage())
              .collect(Collectors.joining("; ")));
    }
  }
}
