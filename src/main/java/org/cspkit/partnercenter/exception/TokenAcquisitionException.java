package org.cspkit.partnercenter.exception;

import java.util.Objects;

/**
 * Entra ID (Azure AD) did not issue a token: a wrong client secret (AADSTS7000215), an unknown
 * tenant (AADSTS90002), an expired or revoked refresh token (AADSTS70008, AADSTS700082), a
 * sign-in that needs multifactor authentication again (AADSTS50076, AADSTS50078), an answer that
 * could not be read (such as a 200 whose JSON was cut off), or the token endpoint could not be
 * reached. {@link org.cspkit.partnercenter.PartnerCenterClient} turns it into an {@link
 * org.cspkit.partnercenter.exception.AuthenticationException} whose service error holds {@link
 * #errorCode()} and {@link #errorDescription()}; a {@link
 * org.cspkit.partnercenter.exception.SignInRequiredException} when {@link #signInRequired()}.
 *
 * <p>Never contains a secret: this library's token sources mask their known secrets, every {@code
 * access_token}, {@code refresh_token} and {@code id_token} value and every JWT-looking string in
 * what Entra ID answered before it reaches the code, the description or the cause chain. Code
 * that throws this exception from its own {@link org.cspkit.partnercenter.AccessTokenSource} must
 * put no secret in it either; the client masks those token shapes again, but cannot recognise
 * another secret.
 */
public class TokenAcquisitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The AADSTS, OAuth or MSAL error code. */
  private final String errorCode;
  /** Entra ID's description. */
  private final String errorDescription;
  /** Whether the source knows that only a new sign-in helps (invalid_grant on a refresh). */
  private final boolean signInRequired;

  /**
   * Creates the exception.
   *
   * @param errorCode the AADSTS code (such as {@code AADSTS7000215}), else the OAuth or MSAL error
   *     code (such as {@code invalid_client} or {@code http_client_error})
   * @param errorDescription Entra ID's description, without secrets
   * @param cause the underlying exception, or null
   */
  public TokenAcquisitionException(String errorCode, String errorDescription, Throwable cause) {
    this(errorCode, errorDescription, false, cause);
  }

  /**
   * Creates the exception, saying whether only a new sign-in helps.
   *
   * @param errorCode the AADSTS code (such as {@code AADSTS70008}), else the OAuth or MSAL error
   *     code
   * @param errorDescription Entra ID's description, without secrets
   * @param signInRequired true when the user must sign in again, such as for {@code
   *     invalid_grant} on a refresh-token grant; {@code AADSTS50076} and {@code AADSTS50078}
   *     count as such whatever this says
   * @param cause the underlying exception, or null
   */
  public TokenAcquisitionException(
      String errorCode, String errorDescription, boolean signInRequired, Throwable cause) {
    super(
        "Entra ID did not issue a token: "
            + (errorDescription != null && errorDescription.startsWith(errorCode)
                ? errorDescription
                : "(" + errorCode + ") " + errorDescription),
        cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.errorDescription = errorDescription;
    this.signInRequired = signInRequired || SignInRequiredException.isSignInCode(errorCode);
  }

  /**
   * The error code.
   *
   * @return an AADSTS code such as {@code AADSTS7000215}, else an OAuth or MSAL error code
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * What Entra ID (or MSAL) said, with its trace and correlation IDs.
   *
   * @return the description
   */
  public String errorDescription() {
    return errorDescription;
  }

  /**
   * Whether only a new sign-in helps: Entra ID answered {@code AADSTS50076} or {@code AADSTS50078}
   * (multifactor authentication required, or expired), or {@code invalid_grant} to a refresh-token
   * grant (the refresh token no longer works). Sources: the Microsoft Entra page "Microsoft Entra
   * authentication and authorization error codes".
   *
   * @return true if the user must sign in again and a new refresh token be stored
   */
  public boolean signInRequired() {
    return signInRequired;
  }
}
