package org.cspkit.partnercenter.internal;

import com.squareup.moshi.Moshi;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kotlin.jvm.functions.Function0;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Timeout;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * Turns a call of a generated Retrofit interface into one the {@link Pipeline} runs: Retrofit
 * builds the request (path, query, Moshi-encoded body, the {@link RequestOptions} as a tag); this
 * class adds the standard headers, the one place they are added, and finds the operation's
 * response converter and documented success statuses, once per interface method, from the
 * request's {@link Invocation} tag. Thread-safe; one per client.
 */
final class Calls {
  private static final String CONTRACT_VERSION = "v1";

  private final Retrofit retrofit;
  private final Map<Method, Operation> operations = new ConcurrentHashMap<>();
  /** The headers that are the same on every request of the client. */
  private final Headers clientHeaders;

  /** What the pipeline knows of an interface method: found once, from its annotations. */
  @SuppressWarnings("ArrayRecordComponent") // never compared, hashed or printed
  record Operation(String id, Converter<ResponseBody, ?> converter, int[] success) {}

  /** A call ready to run: its request with the standard headers, and what judges its answers. */
  record Prepared(
      Request request,
      Operation operation,
      OperationRules rules,
      RequestOptions options,
      boolean safe,
      CallInfo info) {}

  /**
   * Creates the factory.
   *
   * @param baseUrl the service's base URL, ending in {@code /}
   * @param moshi the Moshi instance of request and response bodies
   * @param localeTag the {@code X-Locale} to send
   * @param applicationName the {@code MS-PartnerCenter-Application} to send, or null
   */
  Calls(HttpUrl baseUrl, Moshi moshi, String localeTag, String applicationName) {
    this.retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        // Retrofit's Call.request() creates an okhttp3.Call to read the request from; the
        // pipeline sends each attempt itself, so that call only holds the request (an OkHttp
        // RealCall, with its timeout and event listener, cost about 3 KB per call for nothing).
        .callFactory(RequestOnlyCall::new)
        .addConverterFactory(new JsonConverterFactory(moshi))
        .validateEagerly(false)
        .build();
    Headers.Builder headers = new Headers.Builder()
        .add("X-Locale", localeTag)
        .add("MS-PartnerCenter-Client", LibraryVersion.CLIENT_HEADER)
        .add("MS-Contract-Version", CONTRACT_VERSION);
    if (applicationName != null) {
      headers.add("MS-PartnerCenter-Application", applicationName);
    }
    this.clientHeaders = headers.build();
  }

  <S> S api(Class<S> api) {
    return retrofit.create(api);
  }

  /**
   * The call's request with the standard headers: {@code MS-RequestId} and {@code
   * MS-CorrelationId} (from the call's {@link RequestOptions}, new ones otherwise), and the
   * client's {@code X-Locale}, {@code MS-PartnerCenter-Client}, {@code MS-Contract-Version} and
   * {@code MS-PartnerCenter-Application} when set; with the operation and its rules.
   */
  Prepared prepare(retrofit2.Call<?> call, OperationRules rules) {
    Request built = call.request();
    Invocation invocation = Objects.requireNonNull(built.tag(Invocation.class), "invocation");
    RequestOptions options =
        Objects.requireNonNullElse(built.tag(RequestOptions.class), RequestOptions.defaults());
    Request.Builder builder = built
        .newBuilder()
        .header("MS-RequestId", options.requestId().orElseGet(UUID::randomUUID).toString())
        .header(
            "MS-CorrelationId",
            options.correlationId().orElseGet(UUID::randomUUID).toString());
    for (int i = 0; i < clientHeaders.size(); i++) {
      builder.header(clientHeaders.name(i), clientHeaders.value(i));
    }
    Request request = builder.build();
    Operation operation = operation(invocation);
    List<String> segments = request.url().pathSegments();
    int customer = segments.indexOf("customers");
    CallInfo info = new CallInfo(
        operation.id(),
        request.method(),
        request.url().encodedPath(),
        customer >= 0 && customer + 1 < segments.size() ? segments.get(customer + 1) : null,
        request.header("MS-RequestId"),
        request.header("MS-CorrelationId"));
    return new Prepared(request, operation, rules, options, request.method().equals("GET"), info);
  }

  private Operation operation(Invocation invocation) {
    return operations.computeIfAbsent(invocation.method(), method -> {
      Type returned =
          ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
      SuccessStatuses success = method.getAnnotation(SuccessStatuses.class);
      return new Operation(
          method.getName(),
          retrofit.responseBodyConverter(returned, method.getAnnotations()),
          success == null ? new int[] {200} : success.value());
    });
  }

  /**
   * The call Retrofit gets from its call factory: it holds the request Retrofit built and cannot
   * be executed, since every attempt is sent by the {@link Pipeline} through the client's OkHttp
   * client.
   */
  private static final class RequestOnlyCall implements Call {
    private final Request request;

    RequestOnlyCall(Request request) {
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response execute() {
      throw notSent();
    }

    @Override
    public void enqueue(Callback callback) {
      throw notSent();
    }

    @Override
    public void cancel() {}

    @Override
    public boolean isExecuted() {
      return false;
    }

    @Override
    public boolean isCanceled() {
      return false;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void addEventListener(EventListener listener) {
      throw notSent();
    }

    @Override
    public <T> T tag(KClass<T> type) {
      return request.tag(type);
    }

    @Override
    public <T> T tag(Class<? extends T> type) {
      return request.tag(type);
    }

    @Override
    public <T> T tag(KClass<T> type, Function0<? extends T> computeIfAbsent) {
      throw notSent();
    }

    @Override
    public <T> T tag(Class<T> type, Function0<? extends T> computeIfAbsent) {
      throw notSent();
    }

    @Override
    public Call clone() {
      return new RequestOnlyCall(request);
    }

    private static UnsupportedOperationException notSent() {
      return new UnsupportedOperationException(
          "Retrofit's calls only build requests: the pipeline sends them");
    }
  }
}
