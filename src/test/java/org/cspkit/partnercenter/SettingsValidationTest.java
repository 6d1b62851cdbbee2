package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cspkit.partnercenter.cli.ExitCode;
import org.cspkit.partnercenter.cli.PartnerCenterCli;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Settings the API accepts are settings every checkout works with, and settings it cannot work
 * with are refused when set, with a message naming the setting and its range: a deadline shorter
 * than the first delay, a constant delay, deadlines and timeouts of "forever", limits of zero. A
 * token source that throws an {@link Error} fails the checkout like any failing source, on both
 * paths.
 */
@Timeout(60)
class SettingsValidationTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String ONE_ORDER = ResponseMappingTest.ONE_ORDER;
  static final String TOKEN = "settings-test-token";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClientBuilder client() {
    return ContractValidator.client().baseUrl(server.url("/").toString()).accessToken(TOKEN);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  private static MockResponse busy() {
    return json(503, "{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}");
  }

  /** Serves the responses in order, then 503s. */
  private void serve(MockResponse... responses) {
    BlockingQueue<MockResponse> queue = new LinkedBlockingQueue<>(List.of(responses));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse next = queue.poll();
        return next != null ? next : busy();
      }
    });
  }

  @Test
  void aOneSecondDeadlineWithTheDefaultOneSecondDelayEndsInTheServersError() {
    serve();
    // Without jitter the first wait is exactly the default 1 s, which never fits in the deadline:
    // one attempt, whatever the machine's load.
    RetryOptions oneSecond =
        RetryOptions.builder().deadline(Duration.ofSeconds(1)).jitter(0).build();

    try (PartnerCenterClient client = client().retryOptions(oneSecond).build()) {
      Throwable thrown = catchThrowable(() -> client.carts().checkout(CUSTOMER_ID, CART_ID));

      assertThat(thrown).isExactlyInstanceOf(ServerErrorException.class);
      ServerErrorException e = (ServerErrorException) thrown;
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(e.attempts()).hasSize(1);

      Throwable async = catchThrowable(
          () -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).get(30, TimeUnit.SECONDS));
      assertThat(async).hasCauseExactlyInstanceOf(ServerErrorException.class);
    }
  }

  @Test
  void aRetryAfterCenturiesAwayEndsInTheServersErrorAtOnce() throws Exception {
    // More than 292 years: more nanoseconds than a long holds.
    MockResponse farOff = new MockResponse.Builder()
        .code(503)
        .setHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
        .setHeader("Content-Type", "application/json")
        .body("{\"code\":\"ServiceUnavailable\",\"description\":\"Busy.\"}")
        .build();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return farOff;
      }
    });

    try (PartnerCenterClient client = client().build()) {
      Throwable thrown = catchThrowable(() -> client.carts().checkout(CUSTOMER_ID, CART_ID));
      assertThat(thrown).isExactlyInstanceOf(ServerErrorException.class);
      assertThat(((ServerErrorException) thrown).attempts()).hasSize(1);
      assertThat(server.getRequestCount()).isEqualTo(1);

      Throwable async = catchThrowable(
          () -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).get(30, TimeUnit.SECONDS));
      assertThat(async).hasCauseExactlyInstanceOf(ServerErrorException.class);
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void anInitialDelayEqualToTheMaxDelayBuildsAndRetries() {
    server.setDispatcher(queueThen201(busy(), busy()));
    Duration constant = Duration.ofMillis(50);
    RetryOptions options = RetryOptions.builder()
        .initialDelay(constant)
        .maxDelay(constant)
        .deadline(Duration.ofSeconds(20))
        .build();

    assertThat(options.initialDelay()).isEqualTo(options.maxDelay());
    try (PartnerCenterClient client = client().retryOptions(options).build()) {
      assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  /** Serves the responses in order, then 201s. */
  private static Dispatcher queueThen201(MockResponse... responses) {
    BlockingQueue<MockResponse> queue = new LinkedBlockingQueue<>(List.of(responses));
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse next = queue.poll();
        return next != null ? next : json(201, ONE_ORDER);
      }
    };
  }

  private static void refused(ThrowingCallable setting, String... messageParts) {
    assertThatThrownBy(setting)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void retryOptionsOutsideTheirRangesAreRefusedWithTheSettingAndRangeNamed() {
    refused(
        () -> RetryOptions.builder().deadline(Duration.ofSeconds(Long.MAX_VALUE)),
        "deadline",
        "1 millisecond",
        "1 day");
    refused(
        () -> RetryOptions.builder().deadline(ChronoUnit.FOREVER.getDuration()),
        "deadline",
        "1 millisecond",
        "1 day");
    refused(
        () -> RetryOptions.builder().deadline(Duration.ZERO), "deadline", "1 millisecond", "1 day");
    refused(() -> RetryOptions.builder().maxAttempts(0), "maxAttempts", "1", "100");
    refused(() -> RetryOptions.builder().maxAttempts(101), "maxAttempts", "1", "100");
    refused(
        () -> RetryOptions.builder().initialDelay(Duration.ZERO),
        "initialDelay",
        "1 millisecond",
        "1 hour");
    refused(
        () -> RetryOptions.builder().maxDelay(Duration.ofHours(2)),
        "maxDelay",
        "1 millisecond",
        "1 hour");
    refused(
        () -> RetryOptions.builder()
            .initialDelay(Duration.ofSeconds(2))
            .maxDelay(Duration.ofSeconds(1))
            .build(),
        "maxDelay",
        "initialDelay");
  }

  @Test
  void clientSettingsOutsideTheirRangesAreRefusedWithTheSettingAndRangeNamed() {
    refused(
        () -> client().callTimeout(ChronoUnit.FOREVER.getDuration()),
        "callTimeout",
        "1 millisecond",
        "1 day");
    refused(
        () -> client().callTimeout(Duration.ofDays(30)), "callTimeout", "1 millisecond", "1 day");
    // OkHttp would have read a timeout rounding down to 0 ms as no timeout at all.
    refused(
        () -> client().callTimeout(Duration.ofNanos(1)), "callTimeout", "1 millisecond", "1 day");
    refused(
        () -> client().connectTimeout(Duration.ofDays(2)),
        "connectTimeout",
        "1 millisecond",
        "1 day");
    refused(
        () -> client().readTimeout(Duration.ofMillis(1).minusNanos(1)),
        "readTimeout",
        "1 millisecond",
        "1 day");
    refused(
        () -> client().writeTimeout(Duration.ofSeconds(-1)),
        "writeTimeout",
        "1 millisecond",
        "1 day");
    refused(() -> client().maxResponseBodySize(10), "maxResponseBodySize", "1024", "1 GiB");
    refused(() -> client().maxAsyncConcurrency(0), "maxAsyncConcurrency", "1", "1024");
    refused(
        () -> client().tokenRefreshMargin(Duration.ofDays(2)),
        "tokenRefreshMargin",
        "1 millisecond",
        "1 day");
  }

  @Test
  void theLargestAllowedSettingsBuildAndCheckOut() throws Exception {
    server.setDispatcher(queueThen201());
    RetryOptions largest = RetryOptions.builder()
        .maxAttempts(100)
        .initialDelay(Duration.ofHours(1))
        .maxDelay(Duration.ofHours(1))
        .jitter(0.5)
        .deadline(Duration.ofDays(1))
        .build();
    Duration oneDay = Duration.ofDays(1);

    try (PartnerCenterClient client = client()
        .retryOptions(largest)
        .callTimeout(oneDay)
        .connectTimeout(oneDay)
        .readTimeout(oneDay)
        .writeTimeout(oneDay)
        .tokenRefreshMargin(oneDay)
        .maxResponseBodySize(1024L * 1024 * 1024)
        .maxAsyncConcurrency(1024)
        .build()) {
      assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
      assertThat(client
              .carts()
              .checkoutAsync(CUSTOMER_ID, CART_ID)
              .get(30, TimeUnit.SECONDS)
              .orders())
          .hasSize(1);
    }
    // And a timeout of zero, which means none.
    try (PartnerCenterClient client =
        client().callTimeout(Duration.ZERO).readTimeout(Duration.ZERO).build()) {
      assertThat(client.carts().checkout(CUSTOMER_ID, CART_ID).orders()).hasSize(1);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTokenSourceThrowingAnAssertionErrorFailsBothPathsWithAnAuthenticationException()
      throws Exception {
    AssertionError boom = new AssertionError("boom");
    assertTokenSourceErrorIsAnAuthenticationFailure(
        () -> {
          throw boom;
        },
        AssertionError.class);
  }

  @Test
  void aTokenSourceOverflowingItsStackFailsBothPathsWithAnAuthenticationException()
      throws Exception {
    assertTokenSourceErrorIsAnAuthenticationFailure(
        () -> AccessToken.of(deep(0)), StackOverflowError.class);
  }

  private static String deep(int depth) {
    return depth < 0 ? "unreachable" : deep(depth + 1) + "x";
  }

  private void assertTokenSourceErrorIsAnAuthenticationFailure(
      AccessTokenSource source, Class<? extends Error> error) throws Exception {
    serve(json(201, ONE_ORDER), json(201, ONE_ORDER));
    // A deadline well inside the test's timeout: a fetch that never reports back would end in a
    // token wait timing out, not in the source's error.
    RetryOptions options =
        RetryOptions.builder().deadline(Duration.ofSeconds(10)).build();

    try (PartnerCenterClient client =
        client().accessTokenSource(source).retryOptions(options).build()) {
      Throwable thrown = catchThrowable(() -> client.carts().checkout(CUSTOMER_ID, CART_ID));

      assertThat(thrown)
          .isExactlyInstanceOf(AuthenticationException.class)
          .hasMessageContaining("nothing was sent")
          .hasMessageContaining(error.getName());
      // The cause names the error's class; its text is never copied (AccessTokenSource).
      assertThat(thrown.getCause()).hasMessageStartingWith(error.getName());
      assertThat(((AuthenticationException) thrown).statusCode()).isZero();

      CompletableFuture<CartCheckoutResult> future =
          client.carts().checkoutAsync(CUSTOMER_ID, CART_ID);
      Throwable async = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
      assertThat(async).isNotInstanceOf(java.util.concurrent.TimeoutException.class);
      Throwable joined = catchThrowable(future::join);
      assertThat(joined)
          .isExactlyInstanceOf(CompletionException.class)
          .hasCauseExactlyInstanceOf(AuthenticationException.class);
      assertThat(joined.getCause().getCause()).hasMessageStartingWith(error.getName());
      assertThat(((AuthenticationException) joined.getCause()).statusCode()).isZero();
    }
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  @Test
  void theCommandLinesOneSecondDeadlineEndsInAServiceErrorWithoutAStackTrace() {
    serve();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exitCode = PartnerCenterCli.newCommandLine(
            Map.of("PARTNER_CENTER_ACCESS_TOKEN", TOKEN),
            new PrintWriter(out, true),
            new PrintWriter(err, true))
        .execute(
            "checkout",
            "--deadline",
            "1",
            "--base-url",
            server.url("/").toString(),
            "--customer-id",
            CUSTOMER_ID,
            "--cart-id",
            CART_ID);

    // The jittered first wait (0.8 to 1.2 s) may leave room for a second attempt; should that one
    // get no answer in the little time left, the exit is a network error rather than the 503.
    assertThat(exitCode)
        .as("exit code; stderr: %s", err)
        .isIn(ExitCode.SERVICE_ERROR.code(), ExitCode.NETWORK_ERROR.code());
    assertThat(err.toString())
        .contains("error: ")
        .doesNotContain("Exception")
        .doesNotContain("at org.")
        .doesNotContain("at dev.failsafe");
    assertThat(server.getRequestCount()).isBetween(1, 2);
  }
}
