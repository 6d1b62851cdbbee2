package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.auth.ClientCredentialsTokenSource;
import org.cspkit.partnercenter.auth.RefreshTokenSource;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.junit.jupiter.api.Test;

/** How the client uses token sources: caching, single flight, 401 refresh and replay, failures. */
class CheckoutAuthenticationTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String SECRET = "Kq8~client-secret-value-3f9";
  static final String UNAUTHORIZED =
      "{\"code\":800001,\"description\":\"Partner token is missing in the request context.\"}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final FakeEntraId entraId = new FakeEntraId();

  private ClientCredentialsTokenSource appOnly() {
    return ClientCredentialsTokenSource.builder()
        .tenantId("contoso.onmicrosoft.com")
        .clientId("8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f")
        .clientSecret(SECRET)
        .msalHttpClient(entraId)
        .build();
  }

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .build();
  }

  private void enqueue(int code, String body, int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(new MockResponse.Builder()
          .code(code)
          .setHeader("Content-Type", "application/json")
          .body(body)
          .build());
    }
  }

  private List<String> authorizationHeaders() throws InterruptedException {
    List<String> headers = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      headers.add(server.takeRequest().getHeaders().get("Authorization"));
    }
    return headers;
  }

  @Test
  void aTokenIsReusedUntilTheRefreshMarginBeforeItExpires() throws Exception {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 6);
    PartnerCenterClient longLived = client(appOnly());

    for (int i = 0; i < 3; i++) {
      longLived.carts().checkout(CUSTOMER_ID, CART_ID);
    }
    assertThat(entraId.tokenRequests()).hasSize(1);

    // A token that lives shorter than twice the margin (5 minutes by default) gets half its
    // lifetime as its margin: a 4-minute token is reused too, not fetched on every call.
    entraId.expiresIn(240);
    PartnerCenterClient shortLived = client(appOnly());
    for (int i = 0; i < 3; i++) {
      shortLived.carts().checkout(CUSTOMER_ID, CART_ID);
    }
    assertThat(entraId.tokenRequests()).hasSize(2);
    assertThat(authorizationHeaders())
        .containsExactly(
            "Bearer access-token-1",
            "Bearer access-token-1",
            "Bearer access-token-1",
            "Bearer access-token-2",
            "Bearer access-token-2",
            "Bearer access-token-2");
  }

  @Test
  void tokensShorterLivedThanTheMarginAreNotFetchedOnEveryCall() throws Exception {
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder()
            .code(201)
            .setHeader("Content-Type", "application/json")
            .body(ResponseMappingTest.ONE_ORDER)
            .build();
      }
    });
    AtomicInteger fetches = new AtomicInteger();
    // Ten-minute tokens against a one-hour margin: before, every call fetched a new one.
    PartnerCenterClient client = client(() -> {
          fetches.incrementAndGet();
          return AccessToken.of(
              "short-" + fetches.get(), java.time.Instant.now().plusSeconds(600));
        })
        .newBuilder()
        .tokenRefreshMargin(java.time.Duration.ofHours(1))
        .build();
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(callers.submit(() -> {
          for (int j = 0; j < 20; j++) {
            client.carts().checkout(CUSTOMER_ID, CART_ID);
          }
          return null;
        }));
      }
      for (Future<?> call : calls) {
        call.get(60, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void withinTheMarginOneFetchRunsInTheBackgroundWhileCallersKeepTheCurrentToken()
      throws Exception {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 4);
    // Each token is valid for 600 s; the margin is 300 s. After 350 s the first one has 250 s
    // left: inside the margin, beyond half of it.
    TestClock clock = new TestClock();
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch releaseRefresh = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AccessTokenSource slowSecondFetch = () -> {
      int call = calls.incrementAndGet();
      if (call == 2) {
        refreshing.countDown();
        try {
          releaseRefresh.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return AccessToken.of("token-" + call, clock.instant().plusSeconds(600));
    };
    PartnerCenterClientBuilder builder = client(slowSecondFetch).newBuilder();
    builder.clock = clock;
    PartnerCenterClient client = builder.build();
    client.carts().checkout(CUSTOMER_ID, CART_ID); // fetches token-1
    clock.advance(java.time.Duration.ofSeconds(350));

    // This checkout starts the refresh and goes through at once with the current token; the
    // refresh is blocked, yet the next one does too, and starts no second fetch.
    client.carts().checkout(CUSTOMER_ID, CART_ID);
    assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
    client.carts().checkout(CUSTOMER_ID, CART_ID);

    // With less than half the margin left, a caller waits for that same fetch.
    releaseRefresh.countDown();
    clock.advance(java.time.Duration.ofSeconds(200));
    client.carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(calls).hasValue(2);
    assertThat(authorizationHeaders())
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  /** A clock the test moves forward by hand. */
  static final class TestClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.now();

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void theRefreshMarginIsConfigurable() {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 3);
    entraId.expiresIn(240);
    PartnerCenterClient client =
        client(appOnly()).newBuilder().tokenRefreshMargin(Duration.ofMinutes(1)).build();

    for (int i = 0; i < 3; i++) {
      client.carts().checkout(CUSTOMER_ID, CART_ID);
    }

    assertThat(entraId.tokenRequests()).hasSize(1);
  }

  @Test
  void fiftyConcurrentCallersOnAnEmptyCacheCauseExactlyOneTokenRequest() throws Exception {
    int callers = 50;
    enqueue(201, ResponseMappingTest.ONE_ORDER, callers);
    entraId.delay(200);
    PartnerCenterClient client = client(appOnly());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<CartCheckoutResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return client.carts().checkout(CUSTOMER_ID, CART_ID);
        }));
      }
      start.countDown();
      for (Future<CartCheckoutResult> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).orders()).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(entraId.tokenRequests()).hasSize(1);
    assertThat(new HashSet<>(authorizationHeaders())).containsExactly("Bearer access-token-1");
  }

  @Test
  void a401GetsOneFreshTokenAndOneReplayWithTheSameRequestId() throws Exception {
    enqueue(401, UNAUTHORIZED, 1);
    enqueue(201, ResponseMappingTest.ONE_ORDER, 1);

    CartCheckoutResult result = client(appOnly()).carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(result.orders()).hasSize(1);
    RecordedRequest first = server.takeRequest();
    RecordedRequest replay = server.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer access-token-1");
    assertThat(replay.getHeaders().get("Authorization")).isEqualTo("Bearer access-token-2");
    assertThat(replay.getHeaders().get("MS-RequestId"))
        .isEqualTo(first.getHeaders().get("MS-RequestId"));
    assertThat(replay.getHeaders().get("MS-CorrelationId"))
        .isEqualTo(first.getHeaders().get("MS-CorrelationId"));
    assertThat(entraId.tokenRequests()).hasSize(2);
  }

  @Test
  void aSecond401IsTheAuthenticationExceptionWithTheServiceErrorAndRequestIds() throws Exception {
    enqueue(401, UNAUTHORIZED, 3);

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class,
        () -> client(appOnly()).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(entraId.tokenRequests()).hasSize(2);
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).hasValue(800001);
    assertThat(e.requestId()).isEqualTo(server.takeRequest().getHeaders().get("MS-RequestId"));
    assertThat(e.correlationId()).isNotNull();
  }

  @Test
  void aSourceWithNothingNewIsNotReplayed() {
    enqueue(401, UNAUTHORIZED, 2);
    AtomicInteger invalidations = new AtomicInteger();
    AccessTokenSource fixed = new AccessTokenSource() {
      @Override
      public AccessToken getToken() {
        return AccessToken.of("fixed-token");
      }

      @Override
      public void invalidate(AccessToken rejected) {
        invalidations.incrementAndGet();
      }
    };

    assertThatExceptionOfType(AuthenticationException.class)
        .isThrownBy(() -> client(fixed).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(invalidations).hasValue(1);
  }

  @Test
  void aFailedTokenAcquisitionIsTheAuthenticationExceptionWithTheAadstsCode() {
    entraId.failWith(401, "invalid_client", 7000215, "Invalid client secret provided.");

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class,
        () -> client(appOnly()).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isZero();
    assertThat(e.statusCode()).isZero();
    assertThat(e.serviceError()).hasValueSatisfying(fault -> {
      assertThat(fault.code()).isEqualTo("AADSTS7000215");
      assertThat(fault.description()).contains("Invalid client secret provided.");
      assertThat(fault.source()).isEqualTo("Microsoft Entra ID");
    });
    assertThat(e.getMessage())
        .startsWith("Could not obtain a Partner Center access token (AADSTS7000215)");
    assertThat(e.requestId()).isNotNull();
  }

  @Test
  void revokedRefreshTokensUnknownTenantsAndNetworkFailuresAreAuthenticationExceptions() {
    Set<String> codes = new HashSet<>();
    entraId.failWith(400, "invalid_grant", 70008, "The refresh token has expired.");
    RefreshTokenSource revoked = RefreshTokenSource.builder()
        .tenantId("contoso.onmicrosoft.com")
        .clientId("8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f")
        .clientSecret(SECRET)
        .refreshToken("0.AQ-revoked")
        .msalHttpClient(entraId)
        .build();
    codes.add(catchThrowableOfType(
            AuthenticationException.class,
            () -> client(revoked).carts().checkout(CUSTOMER_ID, CART_ID))
        .serviceError()
        .orElseThrow()
        .code());
    entraId.failWith(400, "invalid_request", 90002, "Tenant not found.");
    codes.add(catchThrowableOfType(
            AuthenticationException.class,
            () -> client(appOnly()).carts().checkout(CUSTOMER_ID, CART_ID))
        .serviceError()
        .orElseThrow()
        .code());
    entraId.networkFailure();
    codes.add(catchThrowableOfType(
            AuthenticationException.class,
            () -> client(appOnly()).carts().checkout(CUSTOMER_ID, CART_ID))
        .serviceError()
        .orElseThrow()
        .code());

    assertThat(codes).containsExactlyInAnyOrder("AADSTS70008", "AADSTS90002", "network_error");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFunctionFromAnotherLibraryPlugsIn() throws Exception {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 1);
    List<String> scopes = new ArrayList<>();
    AccessTokenSource adapted =
        AccessTokenSource.fromFunction(PartnerCenterCloud.GLOBAL.appOnlyScope(), scope -> {
          scopes.add(scope);
          return AccessToken.of("token-for-" + scope.length());
        });

    client(adapted).carts().checkout(CUSTOMER_ID, CART_ID);

    assertThat(scopes).containsExactly("https://api.partnercenter.microsoft.com/.default");
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer token-for-48");
  }
}
