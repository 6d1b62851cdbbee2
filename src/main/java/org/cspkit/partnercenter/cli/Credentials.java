package org.cspkit.partnercenter.cli;

import com.microsoft.aad.msal4j.IHttpClient;
import java.nio.file.Path;
import java.util.Map;
import org.cspkit.partnercenter.AccessTokenSource;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.auth.ClientCredentialsTokenSource;
import org.cspkit.partnercenter.auth.RefreshTokenSource;

/**
 * Chooses the credential from environment variables, never from options: a ready access token
 * first, then a refresh token (app+user), then a certificate, then a client secret (app-only).
 */
final class Credentials {
  static final String TENANT_ID = "PARTNER_CENTER_TENANT_ID";
  static final String CLIENT_ID = "PARTNER_CENTER_CLIENT_ID";
  static final String CLIENT_SECRET = "PARTNER_CENTER_CLIENT_SECRET";
  static final String CERTIFICATE_PATH = "PARTNER_CENTER_CERTIFICATE_PATH";
  static final String CERTIFICATE_PASSWORD = "PARTNER_CENTER_CERTIFICATE_PASSWORD";
  static final String REFRESH_TOKEN = "PARTNER_CENTER_REFRESH_TOKEN";

  /** A credential that cannot be used as configured; the message names the variables. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  /** The chosen credential: what it is (without secrets) and its token source. */
  record Choice(String description, AccessTokenSource source) {}

  private final Map<String, String> environment;
  private final IHttpClient msalHttpClient;

  Credentials(Map<String, String> environment, IHttpClient msalHttpClient) {
    this.environment = environment;
    this.msalHttpClient = msalHttpClient;
  }

  /**
   * The credential the environment holds.
   *
   * @param tokenVariable the variable that may hold a ready access token
   * @param cloud the cloud, which sets the authority and scope
   * @return the choice, or null when the environment holds no credential at all
   * @throws Unusable when a credential is incomplete or cannot be loaded
   */
  Choice choose(String tokenVariable, PartnerCenterCloud cloud) throws Unusable {
    String token = get(tokenVariable);
    if (token != null) {
      return new Choice(
          "access token from " + tokenVariable,
          AccessTokenSource.ofStatic(accessToken(token, tokenVariable)));
    }
    String refreshToken = get(REFRESH_TOKEN);
    String secret = get(CLIENT_SECRET);
    String certificate = get(CERTIFICATE_PATH);
    if (refreshToken == null && secret == null && certificate == null) {
      return null;
    }
    String tenantId = require(TENANT_ID);
    String clientId = require(CLIENT_ID);
    String appCredential =
        certificate != null ? "certificate " + CERTIFICATE_PATH : "client secret " + CLIENT_SECRET;
    String where = " for client " + clientId + " in tenant " + tenantId + " ("
        + cloud.authority(tenantId) + ")";
    try {
      if (refreshToken != null) {
        if (secret == null && certificate == null) {
          throw new Unusable(
              REFRESH_TOKEN + " needs " + CLIENT_SECRET + " or " + CERTIFICATE_PATH + " as well");
        }
        RefreshTokenSource.Builder builder = RefreshTokenSource.builder()
            .cloud(cloud)
            .tenantId(tenantId)
            .clientId(clientId)
            .refreshToken(refreshToken)
            .msalHttpClient(msalHttpClient);
        if (certificate != null) {
          builder.pkcs12Certificate(Path.of(certificate), get(CERTIFICATE_PASSWORD));
        } else {
          builder.clientSecret(secret);
        }
        return new Choice(
            "app+user: refresh token " + REFRESH_TOKEN + " with " + appCredential + where
                + ", scope " + cloud.userImpersonationScope(),
            builder.build());
      }
      ClientCredentialsTokenSource.Builder builder = ClientCredentialsTokenSource.builder()
          .cloud(cloud)
          .tenantId(tenantId)
          .clientId(clientId)
          .msalHttpClient(msalHttpClient);
      if (certificate != null) {
        builder.pkcs12Certificate(Path.of(certificate), get(CERTIFICATE_PASSWORD));
      } else {
        builder.clientSecret(secret);
      }
      return new Choice(
          "app-only: " + appCredential + where + ", scope " + cloud.appOnlyScope(),
          builder.build());
    } catch (IllegalArgumentException e) {
      throw new Unusable(e.getMessage());
    }
  }

  /**
   * The token as pasted, without surrounding whitespace and a leading {@code Bearer }; a token
   * with whitespace inside is refused, without echoing it.
   */
  static String accessToken(String value, String tokenVariable) throws Unusable {
    String token = value.strip();
    if (token.regionMatches(true, 0, "Bearer", 0, 6)
        && token.length() > 6
        && Character.isWhitespace(token.charAt(6))) {
      token = token.substring(7).strip();
    }
    if (token.isEmpty()
        || token.codePoints().anyMatch(Character::isWhitespace)
        || token.chars().anyMatch(Character::isISOControl)) {
      throw new Unusable(tokenVariable + " holds whitespace or control characters inside the"
          + " token (a line break from copying?); set it to the token alone, on one line"
          + " (a leading 'Bearer ' is accepted)");
    }
    if (token.chars().anyMatch(c -> c > '~')) {
      // An access token is a JWT: letters, digits and "-_.". Not echoed: it is a secret.
      throw new Unusable(tokenVariable + " holds a character outside ASCII, which no access"
          + " token has (copied from a formatted document?); set it to the token as issued");
    }
    return token;
  }

  static String help() {
    return help(ClientCommand.DEFAULT_TOKEN_VARIABLE);
  }

  static String help(String tokenVariable) {
    return "set " + tokenVariable + ", or " + TENANT_ID + " and " + CLIENT_ID + " with "
        + CLIENT_SECRET + ", " + CERTIFICATE_PATH + " (and " + CERTIFICATE_PASSWORD + "), or "
        + REFRESH_TOKEN + " (with a client secret or certificate)";
  }

  private String require(String name) throws Unusable {
    String value = get(name);
    if (value == null) {
      throw new Unusable(name + " is required with the credential that is set");
    }
    return value;
  }

  private String get(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
