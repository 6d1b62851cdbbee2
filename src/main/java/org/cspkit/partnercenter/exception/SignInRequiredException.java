package org.cspkit.partnercenter.exception;

import java.util.Set;

/**
 * The credentials stopped working until a person signs in again; retrying, or another token from
 * the same refresh token, does not help. Thrown when:
 *
 * <ul>
 *   <li>Entra ID refuses a token with {@code AADSTS50076} (UserStrongAuthClientAuthNRequired: a
 *       configuration change such as a Conditional Access policy, or a new location, requires
 *       multifactor authentication) or {@code AADSTS50078} (UserStrongAuthExpired: the multifactor
 *       authentication presented has expired under the administrator's policies);
 *   <li>Entra ID answers a refresh-token grant with {@code invalid_grant} (the refresh token is
 *       invalid, expired, revoked or otherwise unusable, such as AADSTS70008 or AADSTS700082);
 *   <li>Partner Center answers 401 or 403 with error code {@value #RETIRED_AUDIENCE}, which it
 *       sends for a token of the retired audience.
 * </ul>
 *
 * <p>Sources: the Microsoft Entra page "Microsoft Entra authentication and authorization error
 * codes" (AADSTS50076, AADSTS50078, and {@code invalid_grant}: "some of the authentication
 * material (auth code, refresh token, access token, PKCE challenge) was invalid, unparseable,
 * missing, or otherwise unusable", to be fixed by a new authorization request); the Partner Center
 * page "Deprecate Azure AD graph token" (tokens of the {@code graph.windows.net} audience are no
 * longer accepted; the audience is {@code https://api.partnercenter.microsoft.com}). Partner
 * Center's pages do not document code {@value #RETIRED_AUDIENCE} nor its status, so both 401 and
 * 403 are taken.
 *
 * <p>The message ends with {@link #advice()}. {@link #serviceError()} holds the AADSTS code (status
 * 0, nothing sent) or Partner Center's error body (status 401 or 403). Never contains a secret.
 */
public class SignInRequiredException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /** Partner Center's error code for a token of the retired audience. */
  public static final int RETIRED_AUDIENCE = 900420;

  /** What to do, as every message of this exception ends. */
  public static final String ADVICE = "Sign in again: a Partner Center admin consents to the"
      + " Secure Application Model app once more (an interactive sign-in with multifactor"
      + " authentication, for the Partner Center API, such as"
      + " https://api.partnercenter.microsoft.com, not the retired graph.windows.net audience) and"
      + " the new refresh token it returns replaces the stored one";

  /** The Entra ID codes that always mean that the user must sign in again. */
  private static final Set<String> SIGN_IN_CODES = Set.of("AADSTS50076", "AADSTS50078");

  /**
   * Creates the exception for a token that could not be obtained; nothing was sent.
   *
   * @param summary what failed, without secrets
   * @param details the IDs the request would have had, and Entra ID's code and description
   * @param cause the token source's failure, without secrets
   */
  public SignInRequiredException(String summary, ErrorDetails details, Throwable cause) {
    super(summary + ". " + ADVICE, details, cause);
  }

  /**
   * Creates the exception for a Partner Center response ({@value #RETIRED_AUDIENCE}).
   *
   * @param details the status, error body and request IDs
   */
  public SignInRequiredException(ErrorDetails details) {
    super(details, ADVICE);
  }

  /**
   * What to do: sign in again with the Secure Application Model app and store the new refresh
   * token.
   *
   * @return {@link #ADVICE}
   */
  public String advice() {
    return ADVICE;
  }

  /**
   * Whether an Entra ID error code always means that the user must sign in again.
   *
   * @param code an AADSTS code such as {@code AADSTS50076}, or null
   * @return true for {@code AADSTS50076} and {@code AADSTS50078}
   */
  public static boolean isSignInCode(String code) {
    return code != null && SIGN_IN_CODES.contains(code.trim());
  }
}
