package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.testing.SamCredentials.CLIENT_SECRET;
import static org.cspkit.partnercenter.testing.SamCredentials.REFRESH_TOKEN;
import static org.cspkit.partnercenter.testing.SamCredentials.appOnly;
import static org.cspkit.partnercenter.testing.SamCredentials.appUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.cli.ExitCode;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.SignInRequiredException;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.cspkit.partnercenter.testing.SamCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers that mean "sign in again" (Entra ID's AADSTS50076 and AADSTS50078, {@code
 * invalid_grant} to a refresh token, Partner Center's 900420) are a {@link
 * SignInRequiredException} with advice, and the command line prints the advice and exits with
 * {@link ExitCode#SIGN_IN_REQUIRED}; other authentication failures stay what they were.
 */
class SignInRequiredTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String RETIRED_AUDIENCE =
      "{\"code\":900420,\"description\":\"The token audience is not accepted.\"}";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "invalid_grant, 70008, The provided authorization code or refresh token has expired.",
    "invalid_grant, 700082, The refresh token has expired due to inactivity.",
    "invalid_grant, 50076, You must use multi-factor authentication to access the resource.",
    "interaction_required, 50078, Presented multi-factor authentication has expired.",
  })
  void entraIdAskingForANewSignInIsSignInRequiredWithAdvice(
      String error, int aadsts, String description) {
    FakeEntraId entraId = new FakeEntraId().failWith(400, error, aadsts, description);
    PartnerCenterClient client = client(appUser(entraId));

    SignInRequiredException e = catchThrowableOfType(
        SignInRequiredException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
    Throwable async =
        catchThrowable(() -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());

    assertThat(e).as("a SignInRequiredException").isNotNull();
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.statusCode()).isZero();
    assertThat(e.serviceError().orElseThrow().code()).isEqualTo("AADSTS" + aadsts);
    assertThat(e.errorDescription()).contains(description);
    assertThat(e.getMessage())
        .startsWith("Could not obtain a Partner Center access token (AADSTS" + aadsts + ")")
        .contains(SignInRequiredException.ADVICE);
    assertThat(e.advice()).contains("Secure Application Model").contains("refresh token");
    assertThat(async.getCause()).isInstanceOf(SignInRequiredException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void otherTokenFailuresStayPlainAuthenticationErrors() {
    List<AuthenticationException> failures = new ArrayList<>();
    // A wrong secret on either grant, and invalid_grant where no refresh token was posted.
    for (AccessTokenSource source : List.of(
        appOnly(new FakeEntraId().failWith(401, "invalid_client", 7000215, "Invalid secret.")),
        appUser(new FakeEntraId().failWith(401, "invalid_client", 7000215, "Invalid secret.")),
        appOnly(new FakeEntraId().failWith(400, "invalid_grant", 700027, "Bad assertion.")),
        appUser(new FakeEntraId().networkFailure()))) {
      failures.add(catchThrowableOfType(
          AuthenticationException.class,
          () -> client(source).carts().checkout(CUSTOMER_ID, CART_ID)));
    }

    assertThat(failures)
        .hasSize(4)
        .allSatisfy(e -> assertThat(e).isNotInstanceOf(SignInRequiredException.class));
  }

  @Test
  void aCallersSourceNamingAadsts50076IsSignInRequired() {
    AccessTokenSource source = () -> {
      throw new IllegalStateException("AADSTS50076: Due to a configuration change made by your"
          + " administrator, you must use multi-factor authentication.");
    };

    Throwable e = catchThrowable(() -> client(source).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).isInstanceOf(SignInRequiredException.class);
    assertThat(e.getMessage()).contains("(AADSTS50076)").contains(SignInRequiredException.ADVICE);
  }

  @Test
  void partnerCenter900420On401IsSignInRequiredAfterTheReplayWithAFreshToken() {
    enqueue(401, RETIRED_AUDIENCE, 2);
    AtomicInteger issued = new AtomicInteger();

    SignInRequiredException e = catchThrowableOfType(
        SignInRequiredException.class,
        () -> client(() -> AccessToken.of("token-" + issued.incrementAndGet()))
            .carts()
            .checkout(CUSTOMER_ID, CART_ID));

    assertThat(e).as("a SignInRequiredException").isNotNull();
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.errorCode()).hasValue(SignInRequiredException.RETIRED_AUDIENCE);
    assertThat(e.getMessage())
        .startsWith("Partner Center returned 401 (900420): The token audience is not accepted. "
            + SignInRequiredException.ADVICE);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(issued).hasValue(2);
  }

  @Test
  void partnerCenter900420On403AndOnProvisioningStatusIsSignInRequired() {
    enqueue(403, RETIRED_AUDIENCE, 2);
    PartnerCenterClient client = client(AccessTokenSource.ofStatic("static-token-value"));

    Throwable checkout = catchThrowable(() -> client.carts().checkout(CUSTOMER_ID, CART_ID));
    Throwable status =
        catchThrowable(() -> client.orders().getProvisioningStatus(CUSTOMER_ID, "a68736758d9c"));

    assertThat(checkout).isInstanceOf(SignInRequiredException.class);
    assertThat(((SignInRequiredException) checkout).statusCode()).isEqualTo(403);
    assertThat(status)
        .isInstanceOf(SignInRequiredException.class)
        .hasMessageContaining(SignInRequiredException.ADVICE);
  }

  @Test
  void theCommandLinePrintsTheAdviceAndExitsWithItsOwnCode() {
    List<String> outputs = new ArrayList<>();
    for (List<String> format : List.of(List.<String>of(), List.of("-o", "json"))) {
      SamCredentials.CliRun run = SamCredentials.checkout(
          new FakeEntraId().failWith(400, "invalid_grant", 70008, "The token has expired."),
          server.url("/").toString(),
          CUSTOMER_ID,
          CART_ID,
          format.toArray(String[]::new));
      int exitCode = run.exitCode();

      assertThat(exitCode).isEqualTo(ExitCode.SIGN_IN_REQUIRED.code()).isEqualTo(10);
      assertThat(run.err())
          .startsWith("error: Could not obtain a Partner Center access token (AADSTS70008)")
          .contains(SignInRequiredException.ADVICE)
          .contains("PARTNER_CENTER_REFRESH_TOKEN: set it to the new one")
          .doesNotContain("next step:")
          .doesNotContain(REFRESH_TOKEN)
          .doesNotContain(CLIENT_SECRET);
      outputs.add(run.out());
    }
    assertThat(outputs.get(0)).isEmpty();
    assertThat(outputs.get(1))
        .contains("\"exitCode\": 10")
        .contains("\"serviceErrorCode\": \"AADSTS70008\"")
        .contains(SignInRequiredException.ADVICE)
        .contains("PARTNER_CENTER_REFRESH_TOKEN: set it to the new one")
        .doesNotContain(REFRESH_TOKEN);
    assertThat(server.getRequestCount()).isZero();
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
}
