package org.cspkit.partnercenter.internal;

import com.squareup.moshi.Moshi;
import java.util.Objects;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.cspkit.partnercenter.RequestOptions;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * The generated Retrofit interfaces of the client, and the standard headers: Retrofit builds each
 * request (path, query, Moshi-encoded body, the {@link RequestOptions} as a tag) and each
 * generated method is bound once to its operation ({@link OperationBindings}); this class adds
 * the standard headers to a bound call's request, the one place they are added. Thread-safe; one
 * per client.
 */
final class Calls {
  private static final String CONTRACT_VERSION = "v1";

  private final Retrofit retrofit;
  /** The headers that are the same on every request of the client. */
  private final Headers clientHeaders;

  /** A call ready to run: its request with the standard headers, and what judges its answers. */
  record Prepared(
      Request request, OperationBinding<?> binding, RequestOptions options, CallInfo info) {}

  /**
   * Creates the factory.
   *
   * @param requests the OkHttp call factory Retrofit builds its calls with; they are never
   *     executed (every attempt is sent by the pipeline), Retrofit only reads their request
   * @param bindings the call adapter factory that binds each generated method to its operation
   * @param baseUrl the service's base URL, ending in {@code /}
   * @param moshi the Moshi instance of request and response bodies
   * @param localeTag the {@code X-Locale} to send
   * @param applicationName the {@code MS-PartnerCenter-Application} to send, or null
   */
  Calls(
      Call.Factory requests,
      CallAdapter.Factory bindings,
      HttpUrl baseUrl,
      Moshi moshi,
      String localeTag,
      String applicationName) {
    this.retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .callFactory(requests)
        .addCallAdapterFactory(bindings)
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
   * {@code MS-PartnerCenter-Application} when set; with the operation it is bound to.
   */
  Prepared prepare(OperationCall<?> call) {
    Request built = call.request();
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
    CallInfo info = new CallInfo(
        call.binding().operationId(),
        request.method(),
        request.url().encodedPath(),
        call::parameters,
        request.header("MS-RequestId"),
        request.header("MS-CorrelationId"));
    return new Prepared(request, call.binding(), options, info);
  }
}
