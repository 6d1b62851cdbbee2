package org.cspkit.partnercenter.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * One generated method bound to all the pipeline needs of its operation, once: the spec's
 * operation ID, the HTTP method and so the retry semantics (a GET is safe to repeat; a POST, PUT
 * or PATCH may have taken effect without an answer), the documented success statuses, the
 * response converter, the operation's rules ({@link OperationTable}), and the names of its path
 * and query parameters, read from the method's annotations on its first call. Thread-safe.
 *
 * @param <T> the operation's result type
 */
final class OperationBinding<T> implements CallAdapter<T, OperationCall<T>> {
  private final Pipeline pipeline;
  private final String operationId;
  private final String httpMethod;
  private final int[] success;
  private final Type resultType;
  private final Converter<ResponseBody, T> converter;
  private final OperationRules rules;
  /** The spec name of each argument that is a path or query parameter (null otherwise). */
  private volatile String[] parameterNames;

  OperationBinding(
      Pipeline pipeline,
      String operationId,
      String httpMethod,
      int[] success,
      Type resultType,
      Converter<ResponseBody, T> converter,
      OperationRules rules) {
    this.pipeline = pipeline;
    this.operationId = operationId;
    this.httpMethod = httpMethod;
    this.success = success;
    this.resultType = resultType;
    this.converter = converter;
    this.rules = rules;
  }

  @Override
  public Type responseType() {
    return resultType;
  }

  /**
   * Binds one invocation: Retrofit's call builds the request at once (path, query, encoded body,
   * the {@code RequestOptions} tag), so an argument Retrofit refuses fails here, before anything
   * is sent. The call itself is never executed: the pipeline sends every attempt.
   */
  @Override
  public OperationCall<T> adapt(Call<T> call) {
    return new OperationCall<>(pipeline, this, call.request());
  }

  String operationId() {
    return operationId;
  }

  String httpMethod() {
    return httpMethod;
  }

  /** A GET: safe to repeat, and never "may have taken effect". */
  boolean safe() {
    return httpMethod.equals("GET");
  }

  int[] success() {
    return success;
  }

  Converter<ResponseBody, T> converter() {
    return converter;
  }

  OperationRules rules() {
    return rules;
  }

  /** The path and query parameter values of the invocation, by their names in the spec. */
  Map<String, String> parameters(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return Map.of();
    }
    String[] names = parameterNames;
    if (names == null) {
      names = names(invocation.method());
      parameterNames = names;
    }
    List<?> arguments = invocation.arguments();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < names.length && i < arguments.size(); i++) {
      if (names[i] != null && arguments.get(i) != null) {
        values.put(names[i], String.valueOf(arguments.get(i)));
      }
    }
    return Collections.unmodifiableMap(values);
  }

  private static String[] names(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    String[] names = new String[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Path path) {
          names[i] = path.value();
        } else if (annotation instanceof Query query) {
          names[i] = query.value();
        }
      }
    }
    return names;
  }
}
