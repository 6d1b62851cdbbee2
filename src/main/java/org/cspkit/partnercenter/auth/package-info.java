/**
 * Entra ID tokens for the Partner Center API through MSAL4J, as {@link
 * org.cspkit.partnercenter.AccessTokenSource}s to give to {@link
 * org.cspkit.partnercenter.PartnerCenterClientBuilder#accessTokenSource}: {@link
 * org.cspkit.partnercenter.auth.ClientCredentialsTokenSource} (app-only: client credentials grant
 * with a client secret or a certificate) and {@link
 * org.cspkit.partnercenter.auth.RefreshTokenSource} (app+user: a stored refresh token of the
 * Secure Application Model, rotated as Entra ID issues new ones).
 *
 * <p>Both are built from the cloud, the partner's tenant ID, the app's client ID and its
 * credential ({@link org.cspkit.partnercenter.auth.ConfidentialClientBuilder}). Token requests go
 * through OkHttp: pass the {@link okhttp3.OkHttpClient} the Partner Center client uses to {@link
 * org.cspkit.partnercenter.auth.ConfidentialClientBuilder#httpClient(okhttp3.OkHttpClient)} so
 * that one proxy, TLS and timeout setting covers both. A token that cannot be had throws {@link
 * org.cspkit.partnercenter.exception.TokenAcquisitionException} with the AADSTS code, which the client
 * turns into an {@link org.cspkit.partnercenter.exception.AuthenticationException} with status 0.
 *
 * <p>Sources are thread-safe and hold their secrets (client secret, certificate password, refresh
 * tokens) so as to mask them wherever Entra ID or a proxy echoes them: no secret appears in a log
 * line, an exception or a {@code toString()}. Builders are not thread-safe.
 */
package org.cspkit.partnercenter.auth;
