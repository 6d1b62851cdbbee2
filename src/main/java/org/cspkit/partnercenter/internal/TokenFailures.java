package org.cspkit.partnercenter.internal;

import java.util.List;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.SignInRequiredException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.internal.OperationRules.CallInfo;
import org.cspkit.partnercenter.model.ApiFault;

/**
 * The exception of an attempt that could not get an access token, so that nothing was sent;
 * and what of the token source's failure it keeps:
 *
 * <ul>
 *   <li>a {@link TokenAcquisitionException}: its code and description become the service error
 *       (source {@value #ENTRA_ID}) and it stays the cause, with every token value and JWT-looking
 *       string masked ({@link TokenRedaction}) in them and in its chain;
 *   <li>any other exception (the caller's own, which may quote a token, a refresh token or a
 *       secret the client never saw): its text is never copied. The cause is a stand-in with its
 *       class name, the AADSTS codes its message named and its stack trace, and so for each
 *       exception of its chain ({@link TokenRedaction#withheld}).
 * </ul>
 *
 * A failure that means that a person must sign in again (see {@link
 * TokenAcquisitionException#signInRequired()}, or a caller's exception naming AADSTS50076 or
 * AADSTS50078) is a {@link SignInRequiredException}. Stateless.
 */
final class TokenFailures {
  /** The service error's source for Entra ID's answers. */
  static final String ENTRA_ID = "Microsoft Entra ID";

  private TokenFailures() {}

  /**
   * The exception for a token that could not be had.
   *
   * @param failure the token cache's failure
   * @param ids the call's facts
   * @return an {@link AuthenticationException} or {@link SignInRequiredException} with status 0
   */
  static PartnerCenterException of(TokenCache.TokenUnavailableException failure, CallInfo ids) {
    Throwable cause = failure.getCause();
    if (cause instanceof TokenAcquisitionException entraId) {
      String code = TokenRedaction.scrub(entraId.errorCode());
      ApiFault fault = new ApiFault(
          code, TokenRedaction.scrub(entraId.errorDescription()), List.of(), ENTRA_ID, null);
      ErrorDetails details = new ErrorDetails(0, fault, ids.requestId(), ids.correlationId(), null);
      String summary =
          "Could not obtain a Partner Center access token (" + code + "); nothing was sent";
      Throwable kept = TokenRedaction.scrub(entraId, List.of());
      return entraId.signInRequired()
          ? new SignInRequiredException(summary, details, kept)
          : new AuthenticationException(summary, details, kept);
    }
    ErrorDetails details = ErrorDetails.noResponse(ids.requestId(), ids.correlationId());
    if (cause == null) {
      return new AuthenticationException(
          "Could not obtain a Partner Center access token: " + failure.getMessage()
              + "; nothing was sent",
          details,
          failure);
    }
    List<String> codes = TokenRedaction.aadstsCodes(cause);
    String summary = "Could not obtain a Partner Center access token: " + failure.getMessage()
        + (codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")") + "; nothing was sent";
    Throwable withheld = TokenRedaction.withheld(cause);
    return codes.stream().anyMatch(SignInRequiredException::isSignInCode)
        ? new SignInRequiredException(summary, details, withheld)
        : new AuthenticationException(summary, details, withheld);
  }
}
