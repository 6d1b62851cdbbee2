package org.cspkit.partnercenter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.junit.jupiter.api.Test;

/** App+user tokens from a stored refresh token, against a fake Entra ID. */
class RefreshTokenSourceTest {
  static final String TENANT = "6e0a1e8c-0000-4000-8000-00000000c5d1";
  static final String CLIENT_ID = "8d1c2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f";
  static final String SECRET = "Kq8~client-secret-value-3f9";
  static final String STORED_REFRESH_TOKEN = "0.AQ-stored-refresh-token-value";

  private final FakeEntraId entraId = new FakeEntraId();
  private final List<String> rotated = new CopyOnWriteArrayList<>();

  private RefreshTokenSource source() {
    return RefreshTokenSource.builder()
        .tenantId(TENANT)
        .clientId(CLIENT_ID)
        .clientSecret(SECRET)
        .refreshToken(STORED_REFRESH_TOKEN)
        .onRefreshTokenRotated(rotated::add)
        .msalHttpClient(entraId)
        .build();
  }

  @Test
  void redeemsTheStoredRefreshTokenForTheUserImpersonationScope() {
    assertThat(source().getToken().value()).isEqualTo("access-token-1");

    Map<String, String> form = FakeEntraId.form(entraId.tokenRequests().get(0));
    assertThat(form)
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", STORED_REFRESH_TOKEN)
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("client_secret", SECRET);
    assertThat(form.get("scope"))
        .contains("https://api.partnercenter.microsoft.com/user_impersonation");
  }

  @Test
  void eachRotatedRefreshTokenGoesToTheCallbackAndIsUsedNext() {
    RefreshTokenSource source = source();

    source.getToken();
    source.getToken();

    assertThat(rotated).containsExactly("rotated-refresh-token-1", "rotated-refresh-token-2");
    assertThat(entraId.tokenRequests())
        .extracting(r -> FakeEntraId.form(r).get("refresh_token"))
        .containsExactly(STORED_REFRESH_TOKEN, "rotated-refresh-token-1");
  }

  @Test
  void aRevokedRefreshTokenIsATokenAcquisitionExceptionAndRotatesNothing() {
    entraId.failWith(
        400,
        "invalid_grant",
        70008,
        "The provided authorization code or refresh token has expired due to inactivity.");

    TokenAcquisitionException e =
        catchThrowableOfType(TokenAcquisitionException.class, source()::getToken);

    assertThat(e.errorCode()).isEqualTo("AADSTS70008");
    assertThat(e.getMessage()).doesNotContain(STORED_REFRESH_TOKEN).doesNotContain(SECRET);
    assertThat(rotated).isEmpty();
  }

  @Test
  void aRefreshTokenIsRequired() {
    assertThatThrownBy(() -> RefreshTokenSource.builder()
            .tenantId(TENANT)
            .clientId(CLIENT_ID)
            .clientSecret(SECRET)
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshToken");
    assertThat(source().toString()).doesNotContain(STORED_REFRESH_TOKEN).doesNotContain(SECRET);
  }
}
