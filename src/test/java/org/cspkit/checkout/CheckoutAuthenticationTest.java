package org.cspkit.checkout;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.cspkit.checkout.testing.ContractValidator;
import org.cspkit.checkout.auth.ClientCredentialsTokenSource;
import org.cspkit.checkout.auth.RefreshTokenSource;
import org.cspkit.checkout.exception.AuthenticationException;
import org.cspkit.checkout.model.CartCheckoutResult;
import org.cspkit.checkout.testing.FakeEntraId;
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
    return ClientCredentialsTokenSource.builder().tenantId("contoso.onmicrosoft.com")
        .clientId("8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f").clientSecret(SECRET)
        .msalHttpClient(entraId).build();
  }

  private CheckoutClient client(AccessTokenSource source) {
    return ContractValidator.client().baseUrl(server.url("/").toString())
        .accessTokenSource(source).build();
  }

  private void enqueue(int code, String body, int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(new MockResponse.Builder().code(code)
          .setHeader("Content-Type", "application/json").body(body).build());
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
    CheckoutClient longLived = client(appOnly());

    for (int i = 0; i < 3; i++) {
      longLived.checkout(CUSTOMER_ID, CART_ID);
    }
    assertThat(entraId.tokenRequests()).hasSize(1);

    // Tokens that expire within the margin (5 minutes by default) are replaced on every call.
    entraId.expiresIn(240);
    CheckoutClient shortLived = client(appOnly());
    for (int i = 0; i < 3; i++) {
      shortLived.checkout(CUSTOMER_ID, CART_ID);
    }
    assertThat(entraId.tokenRequests()).hasSize(4);
    assertThat(authorizationHeaders()).containsExactly("Bearer access-token-1",
        "Bearer access-token-1", "Bearer access-token-1", "Bearer access-token-2",
        "Bearer access-token-3", "Bearer access-token-4");
  }

  @Test
  void withinTheMarginOneCallerRefreshesWhileTheOthersKeepTheCurrentToken() throws Exception {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 3);
    // Each token is valid for 200 s: inside the 300 s margin, beyond half of it.
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
      return AccessToken.of("token-" + call, java.time.Instant.now().plusSeconds(200));
    };
    CheckoutClient client = client(slowSecondFetch);
    client.checkout(CUSTOMER_ID, CART_ID); // fetches token-1
    ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      Future<CartCheckoutResult> refreshingCheckout =
          refresher.submit(() -> client.checkout(CUSTOMER_ID, CART_ID));
      assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();

      // The refresh is blocked, yet this checkout goes through at once with the current token.
      client.checkout(CUSTOMER_ID, CART_ID);
      assertThat(refreshingCheckout).isNotDone();

      releaseRefresh.countDown();
      refreshingCheckout.get(5, TimeUnit.SECONDS);
    } finally {
      refresher.shutdownNow();
    }
    assertThat(calls).hasValue(2);
    assertThat(authorizationHeaders()).containsExactly(
        "Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  @Test
  void theRefreshMarginIsConfigurable() {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 3);
    entraId.expiresIn(240);
    CheckoutClient client = client(appOnly()).newBuilder()
        .tokenRefreshMargin(Duration.ofMinutes(1)).build();

    for (int i = 0; i < 3; i++) {
      client.checkout(CUSTOMER_ID, CART_ID);
    }

    assertThat(entraId.tokenRequests()).hasSize(1);
  }

  @Test
  void fiftyConcurrentCallersOnAnEmptyCacheCauseExactlyOneTokenRequest() throws Exception {
    int callers = 50;
    enqueue(201, ResponseMappingTest.ONE_ORDER, callers);
    entraId.delay(200);
    CheckoutClient client = client(appOnly());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<CartCheckoutResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return client.checkout(CUSTOMER_ID, CART_ID);
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

    CartCheckoutResult result = client(appOnly()).checkout(CUSTOMER_ID, CART_ID);

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

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> client(appOnly()).checkout(CUSTOMER_ID, CART_ID));

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

    catchThrowableOfType(AuthenticationException.class,
        () -> client(fixed).checkout(CUSTOMER_ID, CART_ID));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(invalidations).hasValue(1);
  }

  @Test
  void aFailedTokenAcquisitionIsTheAuthenticationExceptionWithTheAadstsCode() {
    entraId.failWith(401, "invalid_client", 7000215, "Invalid client secret provided.");

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> client(appOnly()).checkout(CUSTOMER_ID, CART_ID));

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
    RefreshTokenSource revoked = RefreshTokenSource.builder().tenantId("contoso.onmicrosoft.com")
        .clientId("8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f").clientSecret(SECRET)
        .refreshToken("0.AQ-revoked").msalHttpClient(entraId).build();
    codes.add(catchThrowableOfType(AuthenticationException.class,
        () -> client(revoked).checkout(CUSTOMER_ID, CART_ID)).serviceError().orElseThrow().code());
    entraId.failWith(400, "invalid_request", 90002, "Tenant not found.");
    codes.add(catchThrowableOfType(AuthenticationException.class,
        () -> client(appOnly()).checkout(CUSTOMER_ID, CART_ID)).serviceError().orElseThrow().code());
    entraId.networkFailure();
    codes.add(catchThrowableOfType(AuthenticationException.class,
        () -> client(appOnly()).checkout(CUSTOMER_ID, CART_ID)).serviceError().orElseThrow().code());

    assertThat(codes).containsExactlyInAnyOrder("AADSTS70008", "AADSTS90002", "network_error");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFunctionFromAnotherLibraryPlugsIn() throws Exception {
    enqueue(201, ResponseMappingTest.ONE_ORDER, 1);
    List<String> scopes = new ArrayList<>();
    AccessTokenSource adapted = AccessTokenSource.fromFunction(
        PartnerCenterCloud.GLOBAL.appOnlyScope(), scope -> {
          scopes.add(scope);
          return AccessToken.of("token-for-" + scope.length());
        });

    client(adapted).checkout(CUSTOMER_ID, CART_ID);

    assertThat(scopes).containsExactly("https://api.partnercenter.microsoft.com/.default");
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer token-for-48");
  }
}
