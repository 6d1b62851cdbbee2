package org.cspkit.partnercenter.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cspkit.partnercenter.auth.ClientCredentialsTokenSource;
import org.cspkit.partnercenter.auth.RefreshTokenSource;
import org.cspkit.partnercenter.cli.PartnerCenterCli;

/**
 * One Secure Application Model app's credentials for tests, and what is built from them against a
 * {@link FakeEntraId}: the app-only and app+user token sources, and a {@code checkout} run of the
 * command line with the credentials in its environment.
 */
public final class SamCredentials {
  public static final String TENANT = "contoso.onmicrosoft.com";
  public static final String CLIENT_ID = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  public static final String CLIENT_SECRET = "Kq8~client-secret-value-3f9";
  public static final String REFRESH_TOKEN = "0.AQ-stored-refresh-token-value";

  private SamCredentials() {}

  /** What a command line run printed, and its exit code. */
  public record CliRun(int exitCode, String out, String err) {}

  /**
   * App-only tokens (client credentials) from {@code entraId}.
   *
   * @param entraId the token endpoint
   * @return the token source
   */
  public static ClientCredentialsTokenSource appOnly(FakeEntraId entraId) {
    return ClientCredentialsTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .msalHttpClient(entraId)
        .build();
  }

  /**
   * App+user tokens (the refresh token) from {@code entraId}.
   *
   * @param entraId the token endpoint
   * @return the token source
   */
  public static RefreshTokenSource appUser(FakeEntraId entraId) {
    return RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .refreshToken(REFRESH_TOKEN)
        .msalHttpClient(entraId)
        .build();
  }

  /**
   * Runs {@code partner-center checkout} with these credentials in its environment and its tokens
   * from {@code entraId}.
   *
   * @param entraId the token endpoint
   * @param baseUrl Partner Center's base URL
   * @param customerId the customer ID
   * @param cartId the cart ID
   * @param extra more arguments, such as {@code -o json}
   * @return the exit code and output
   */
  public static CliRun checkout(
      FakeEntraId entraId, String baseUrl, String customerId, String cartId, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "checkout", "--base-url", baseUrl, "--customer-id", customerId, "--cart-id", cartId));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = PartnerCenterCli.newCommandLine(
            Map.of(
                "PARTNER_CENTER_TENANT_ID", TENANT,
                "PARTNER_CENTER_CLIENT_ID", CLIENT_ID,
                "PARTNER_CENTER_CLIENT_SECRET", CLIENT_SECRET,
                "PARTNER_CENTER_REFRESH_TOKEN", REFRESH_TOKEN),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            entraId)
        .execute(args.toArray(String[]::new));
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
