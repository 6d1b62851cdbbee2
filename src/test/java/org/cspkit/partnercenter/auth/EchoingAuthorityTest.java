package org.cspkit.partnercenter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.aad.msal4j.MsalServiceException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.AccessTokenSource;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.cli.ExitCode;
import org.cspkit.partnercenter.cli.PartnerCenterCli;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.testing.AllLogs;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An authority that echoes the posted form (client secret, refresh token) back in its {@code
 * error} and {@code error_description}, and an HTTP client that quotes the form in an exception:
 * no secret may reach an exception's message, {@code toString()}, service error or stack trace,
 * the command line's output, or a log line (ours or MSAL4J's), in any spelling, while the AADSTS
 * code still does.
 */
class EchoingAuthorityTest {
  static final String CUSTOMER_ID = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d";
  static final String CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605";
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT_ID = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  /** Characters that URL-encode differently: + / = and ~ (left alone by RFC 3986 encoders). */
  static final String CLIENT_SECRET = "s3cr3t+/=Value~x";

  static final String REFRESH_TOKEN = "0.AQ-r3fr3sh+/=Token~value";
  static final String ROTATED = "rotated-refresh-token-1";
  static final String INVALID_SECRET = "AADSTS7000215: Invalid client secret provided. Request:";
  static final String MASK = "****";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @RegisterExtension
  final AllLogs logs = new AllLogs();

  @Test
  void anAppOnlyEchoReachesNoExceptionTextAndKeepsTheAadstsCode() {
    FakeEntraId entraId = new FakeEntraId().echoForm(401, INVALID_SECRET);
    ClientCredentialsTokenSource source = appOnly(entraId);

    AuthenticationException e = checkout(source);
    AuthenticationException async = checkoutAsync(source);

    assertEchoWasMaskedKeepingTheCode(e, "client_secret=" + MASK);
    assertEchoWasMaskedKeepingTheCode(async, "client_secret=" + MASK);
    assertThat(logLines())
        .as("MSAL4J logged the echoed description, masked")
        .anyMatch(line -> line.startsWith("com.microsoft.aad.msal4j")
            && line.contains("failed: " + INVALID_SECRET)
            && line.contains("client_secret=" + MASK));
    assertNoSecretIn(texts(e), texts(async), logLines());
  }

  @Test
  void anAppUserEchoReachesNoExceptionTextAndKeepsTheAadstsCode() {
    FakeEntraId entraId = new FakeEntraId().echoForm(400, INVALID_SECRET);

    AuthenticationException e = checkout(appUser(entraId, new ArrayList<>()));

    assertThat(FakeEntraId.form(entraId.tokenRequests().get(0)))
        .as("the secrets were posted, so the echo carried them")
        .containsEntry("client_secret", CLIENT_SECRET)
        .containsEntry("refresh_token", REFRESH_TOKEN);
    assertEchoWasMaskedKeepingTheCode(e, "client_secret=" + MASK);
    assertThat(e.errorDescription()).contains("refresh_token=" + MASK);
    assertNoSecretIn(texts(e), logLines());
  }

  @Test
  void anEchoInTheErrorCodeIsMaskedToo() {
    // No AADSTS code in the description: MSAL4J's error code is the echoed "error".
    FakeEntraId entraId = new FakeEntraId().echoForm(400, "Bad request:");

    TokenAcquisitionException e = catchThrowableOfType(
        TokenAcquisitionException.class, appUser(entraId, new ArrayList<>())::getToken);
    AuthenticationException viaClient = checkout(appUser(entraId, new ArrayList<>()));

    assertThat(e.errorCode()).contains("client_secret=" + MASK).contains("refresh_token=" + MASK);
    assertThat(viaClient.getMessage()).contains("client_secret=" + MASK);
    assertNoSecretIn(texts(e), texts(viaClient), logLines());
  }

  @Test
  void aRotatedRefreshTokenEchoedLaterIsMasked() {
    FakeEntraId entraId = new FakeEntraId();
    List<String> rotated = new ArrayList<>();
    RefreshTokenSource source = appUser(entraId, rotated);
    server.enqueue(new MockResponse.Builder()
        .code(201)
        .setHeader("Content-Type", "application/json")
        .body("{\"orders\":[],\"orderErrors\":[]}")
        .build());
    client(source).carts().checkout(CUSTOMER_ID, CART_ID);
    assertThat(rotated).containsExactly(ROTATED);

    entraId.echoForm(400, INVALID_SECRET);
    AuthenticationException echoed = checkout(source);
    entraId.echoFormInException();
    AuthenticationException quoted = checkout(source);

    assertThat(FakeEntraId.form(entraId.tokenRequests().get(1)))
        .containsEntry("refresh_token", ROTATED);
    assertEchoWasMaskedKeepingTheCode(echoed, "refresh_token=" + MASK);
    assertThat(stackTrace(quoted)).contains("refresh_token=" + MASK);
    assertNoSecretIn(texts(echoed), texts(quoted), logLines());
    assertThat(String.join("\n", texts(echoed), texts(quoted))).doesNotContain(ROTATED);
  }

  @Test
  void anHttpClientQuotingTheFormInAnExceptionLeaksNothingThroughTheCauseChain() {
    FakeEntraId entraId = new FakeEntraId().echoFormInException();

    AuthenticationException appOnly = checkout(appOnly(entraId));
    AuthenticationException appUser = checkout(appUser(entraId, new ArrayList<>()));

    assertThat(appOnly.serviceError().orElseThrow().code()).isEqualTo("network_error");
    assertThat(stackTrace(appOnly))
        .contains("Caused by: java.io.IOException: POST")
        .contains("client_secret=" + MASK);
    assertThat(stackTrace(appUser)).contains("refresh_token=" + MASK);
    assertNoSecretIn(texts(appOnly), texts(appUser), logLines());
  }

  @Test
  void msalsOwnErrorCodeAndMessageAreScrubbed() {
    String form = "client_id=" + CLIENT_ID + "&client_secret=" + encode(CLIENT_SECRET)
        + "&refresh_token=" + lowerHex(encode(REFRESH_TOKEN));
    List<String> secrets = List.of(CLIENT_SECRET, REFRESH_TOKEN);

    TokenAcquisitionException withCode =
        Msal.failure(new MsalServiceException(INVALID_SECRET + " " + form, form), secrets);
    TokenAcquisitionException withoutCode = Msal.failure(
        new MsalServiceException(
            "Unknown service exception. Http request returned status code: 400 with http body: "
                + "{\"error\":\"" + form + "\"}",
            "unknown"),
        secrets);
    TokenAcquisitionException codeOnly =
        Msal.failure(new MsalServiceException("Bad request: " + form, form), secrets);

    assertThat(withCode.errorCode()).isEqualTo("AADSTS7000215");
    assertThat(withCode.getCause())
        .hasMessageContaining(MsalServiceException.class.getName())
        .hasMessageContaining("client_secret=" + MASK);
    assertThat(withCode.getCause().getStackTrace()).isNotEmpty();
    assertThat(withoutCode.errorCode()).isEqualTo("unknown");
    assertThat(codeOnly.errorCode()).startsWith("client_id=" + CLIENT_ID + "&client_secret=****");
    assertNoSecretIn(texts(withCode), texts(withoutCode), texts(codeOnly));
  }

  @Test
  void theCommandLinePrintsTheCodeButNoSecret() {
    Map<String, String> appOnly = Map.of(
        "PARTNER_CENTER_TENANT_ID",
        TENANT,
        "PARTNER_CENTER_CLIENT_ID",
        CLIENT_ID,
        "PARTNER_CENTER_CLIENT_SECRET",
        CLIENT_SECRET);
    Map<String, String> appUser = Map.of(
        "PARTNER_CENTER_TENANT_ID",
        TENANT,
        "PARTNER_CENTER_CLIENT_ID",
        CLIENT_ID,
        "PARTNER_CENTER_CLIENT_SECRET",
        CLIENT_SECRET,
        "PARTNER_CENTER_REFRESH_TOKEN",
        REFRESH_TOKEN);
    List<String> output = new ArrayList<>();

    for (Map<String, String> environment : List.of(appOnly, appUser)) {
      for (String description : List.of(INVALID_SECRET, "Bad request:")) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PartnerCenterCli.newCommandLine(
                environment,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new FakeEntraId().echoForm(401, description))
            .execute(
                "checkout",
                "--base-url",
                server.url("/").toString(),
                "--customer-id",
                CUSTOMER_ID,
                "--cart-id",
                CART_ID);

        assertThat(exitCode).isEqualTo(ExitCode.AUTHENTICATION.code());
        assertThat(err.toString())
            .startsWith("error: Could not obtain a Partner Center access" + " token ("
                + (description.equals(INVALID_SECRET) ? "AADSTS7000215)" : ""));
        output.add(out.toString());
        output.add(err.toString());
      }
    }

    assertThat(String.join("\n", output)).contains("client_secret=" + MASK);
    assertNoSecretIn(output, logLines());
    assertThat(server.getRequestCount()).isZero();
  }

  private ClientCredentialsTokenSource appOnly(FakeEntraId entraId) {
    return ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .msalHttpClient(entraId)
        .build();
  }

  private RefreshTokenSource appUser(FakeEntraId entraId, List<String> rotated) {
    return RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .refreshToken(REFRESH_TOKEN)
        .onRefreshTokenRotated(rotated::add)
        .msalHttpClient(entraId)
        .build();
  }

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .build();
  }

  private AuthenticationException checkout(AccessTokenSource source) {
    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client(source).carts().checkout(CUSTOMER_ID, CART_ID));
    assertThat(e).as("checkout failed for want of a token").isNotNull();
    assertThat(e.statusCode()).isZero();
    return e;
  }

  private AuthenticationException checkoutAsync(AccessTokenSource source) {
    Throwable failure = catchThrowable(
        () -> client(source).carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());
    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(AuthenticationException.class);
    return (AuthenticationException) failure.getCause();
  }

  /** The AADSTS code survived, and the echo did arrive (masked), so the test tested something. */
  private static void assertEchoWasMaskedKeepingTheCode(AuthenticationException e, String masked) {
    assertThat(e.serviceError().orElseThrow().code()).isEqualTo("AADSTS7000215");
    assertThat(e.getMessage()).contains("AADSTS7000215");
    assertThat(e.errorDescription()).startsWith("AADSTS7000215").contains(masked);
    assertThat(stackTrace(e)).contains(masked);
  }

  /** Everything an exception shows: message, toString, service error, the whole stack trace. */
  private static String texts(RuntimeException e) {
    List<String> texts =
        new ArrayList<>(List.of(String.valueOf(e.getMessage()), e.toString(), stackTrace(e)));
    if (e instanceof AuthenticationException authentication) {
      texts.add(String.valueOf(authentication.errorDescription()));
      texts.add(String.valueOf(authentication.serviceError().orElseThrow()));
      texts.add(authentication.details().toString());
    }
    if (e instanceof TokenAcquisitionException entraId) {
      texts.add(entraId.errorCode());
      texts.add(String.valueOf(entraId.errorDescription()));
    }
    return String.join("\n", texts);
  }

  private static String stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private List<String> logLines() {
    return logs.texts();
  }

  private static void assertNoSecretIn(Object... texts) {
    StringBuilder all = new StringBuilder();
    for (Object text : texts) {
      all.append(
              text instanceof List<?> list
                  ? String.join("\n", list.stream().map(String::valueOf).toList())
                  : String.valueOf(text))
          .append('\n');
    }
    String everything = all.toString();
    for (String secret : List.of(CLIENT_SECRET, REFRESH_TOKEN)) {
      for (String spelling : spellings(secret)) {
        assertThat(everything).as(spelling).doesNotContain(spelling);
      }
    }
    // Not even a piece of one: each was masked whole.
    assertThat(everything).doesNotContain("s3cr3t").doesNotContain("r3fr3sh");
  }

  /** Raw, form-encoded, with %20, with lower-case hex, RFC 3986 style (~ left alone). */
  private static List<String> spellings(String secret) {
    String form = encode(secret);
    return List.of(
        secret, form, form.replace("+", "%20"), lowerHex(form), form.replace("%7E", "~"));
  }

  private static String lowerHex(String encoded) {
    Matcher hex = Pattern.compile("%[0-9A-F]{2}").matcher(encoded);
    return hex.replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
