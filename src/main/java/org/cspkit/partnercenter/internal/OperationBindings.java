package org.cspkit.partnercenter.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * Retrofit's call adapter seam, where each generated method is bound once: Retrofit asks this
 * factory once per method of a generated interface whose return type is {@link OperationCall},
 * and the {@link OperationBinding} it gets holds all the pipeline needs of the operation (see
 * there). Thread-safe; one per client.
 */
final class OperationBindings extends CallAdapter.Factory {
  private final Pipeline pipeline;

  OperationBindings(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) != OperationCall.class) {
      return null;
    }
    if (!(returnType instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException(
          "OperationCall needs its result type, such as" + " OperationCall<Cart>");
    }
    Type result = getParameterUpperBound(0, parameterized);
    SpecOperation spec = null;
    String method = null;
    for (Annotation annotation : annotations) {
      if (annotation instanceof SpecOperation found) {
        spec = found;
      } else if (annotation.annotationType().getPackageName().equals("retrofit2.http")
          && annotation.annotationType().getSimpleName().matches("GET|POST|PUT|PATCH|DELETE")) {
        method = annotation.annotationType().getSimpleName();
      }
    }
    if (spec == null || method == null) {
      throw new IllegalStateException(
          "a generated method needs @SpecOperation and its HTTP method: regenerate from the spec");
    }
    return new OperationBinding<>(
        pipeline,
        spec.id(),
        method,
        spec.success().clone(),
        result,
        retrofit.responseBodyConverter(result, annotations),
        OperationTable.rules(spec.id()));
  }
}
