package org.cspkit.partnercenter.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * The generated {@code CartsApiRequests} builds exactly the request Retrofit builds from the
 * generated {@code CartsApi} annotations: both come from the same operation of the spec, and the
 * facade sends the first.
 */
class CartsApiRequestsTest {
  private static final UUID CUSTOMER = UUID.fromString("d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d");
  private static final UUID CART = UUID.fromString("b4c8fdea-cbe4-4d17-9576-13fcacbf9605");
  private static final UUID REQUEST_ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final UUID CORRELATION_ID =
      UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("https://api.partnercenter.microsoft.com/", "en-US", "upn@contoso.com"),
        Arguments.of("https://api.partnercenter.microsoft.com/", null, null),
        Arguments.of("http://127.0.0.1:4010/some/prefix/", "fr-FR", null),
        Arguments.of("https://partner.partnercenterapi.microsoftonline.cn/", "zh-CN", "admin@contoso.partner.onmschina.cn"));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void buildsTheRequestRetrofitBuildsFromTheInterface(String base, String locale, String upn)
      throws IOException {
    CartsApi retrofit = new Retrofit.Builder().baseUrl(base).callFactory(new OkHttpClient())
        .addConverterFactory(new Converter.Factory() {
          @Override
          public Converter<okhttp3.ResponseBody, ?> responseBodyConverter(
              java.lang.reflect.Type type, java.lang.annotation.Annotation[] annotations,
              Retrofit r) {
            return body -> null;
          }
        })
        .build().create(CartsApi.class);

    Request expected = retrofit.checkoutCart(CUSTOMER, CART, REQUEST_ID, CORRELATION_ID, locale,
        "client/1", "app", "v1", upn).request();
    Request actual = CartsApiRequests.checkoutCart(HttpUrl.get(base), CUSTOMER, CART, REQUEST_ID,
        CORRELATION_ID, locale, "client/1", "app", "v1", upn);

    assertThat(actual.method()).isEqualTo(expected.method()).isEqualTo("POST");
    assertThat(actual.url()).isEqualTo(expected.url());
    assertThat(actual.url().encodedPath()).endsWith("/v1/customers/" + CUSTOMER + "/carts/" + CART
        + "/checkout");
    assertThat(actual.headers()).isEqualTo(expected.headers());
    assertThat(actual.body().contentLength()).isEqualTo(expected.body().contentLength())
        .isZero();
    assertThat(actual.body().contentType()).isEqualTo(expected.body().contentType());
    Buffer actualBody = new Buffer();
    actual.body().writeTo(actualBody);
    assertThat(actualBody.size()).isZero();
  }

  @Test
  void aHeaderValueOkHttpCannotSendIsRejectedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> CartsApiRequests.checkoutCart(
        HttpUrl.get("https://api.partnercenter.microsoft.com/"), CUSTOMER, CART, REQUEST_ID,
        CORRELATION_ID, null, null, null, null, "ü@contoso.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-ms-customeruser-upn");
  }

  @Test
  void aNullPathParameterIsRejected() {
    assertThatThrownBy(() -> CartsApiRequests.checkoutCart(
        HttpUrl.get("https://api.partnercenter.microsoft.com/"), CUSTOMER, null, REQUEST_ID,
        CORRELATION_ID, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("cart-id");
  }
}
