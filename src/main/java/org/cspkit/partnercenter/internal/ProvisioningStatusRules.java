package org.cspkit.partnercenter.internal;

import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.SignInRequiredException;

/**
 * The rules of {@code getOrderProvisioningStatus}: the generic ones for a GET, and a 401 or 403
 * that ends the call says that this operation accepts only app+user tokens (Partner Center page
 * "Get order provisioning status"), the likely reason when the client runs with app-only
 * credentials; a {@link SignInRequiredException} stays as it is. Stateless.
 */
public final class ProvisioningStatusRules extends OperationRules {
  /** The one instance. */
  public static final ProvisioningStatusRules INSTANCE = new ProvisioningStatusRules();

  /** What the 401 and 403 of this operation say after Partner Center's own words. */
  static final String APP_PLUS_USER_ONLY = "Order provisioning status accepts only app+user"
      + " access tokens (Partner Center page \"Get order provisioning status\"); with app-only"
      + " credentials, sign in as a user (refresh token or device code), or follow the order with"
      + " getOrder instead";

  private ProvisioningStatusRules() {}

  @Override
  protected PartnerCenterException replace(
      PartnerCenterException failure, boolean earlierMayHaveSucceeded, CallInfo call) {
    if (failure instanceof SignInRequiredException) {
      // A new sign-in is what helps, whatever the operation accepts.
      return null;
    }
    if (failure instanceof ForbiddenException) {
      return new ForbiddenException(failure.details(), APP_PLUS_USER_ONLY);
    }
    if (failure instanceof AuthenticationException && failure.statusCode() == 401) {
      return new AuthenticationException(failure.details(), APP_PLUS_USER_ONLY);
    }
    return null;
  }
}
