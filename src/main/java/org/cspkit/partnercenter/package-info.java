/**
 * The client of Partner Center's purchase flow: build a {@link
 * org.cspkit.partnercenter.PartnerCenterClient} once with {@link
 * org.cspkit.partnercenter.PartnerCenterClient#builder()}, then call {@link
 * org.cspkit.partnercenter.PartnerCenterClient#carts()} (create, read, replace and check out a
 * customer's cart) and {@link org.cspkit.partnercenter.PartnerCenterClient#orders()} (read and
 * list orders, read and wait for their provisioning status).
 *
 * <p>Every operation takes a {@link org.cspkit.partnercenter.RequestOptions} last (the {@code
 * MS-RequestId} that is its idempotency key, the {@code MS-CorrelationId}, {@link
 * org.cspkit.partnercenter.RetryOptions}, an {@link org.cspkit.partnercenter.AttemptListener}),
 * and has an {@code …Async} form returning a {@link java.util.concurrent.CompletableFuture}.
 * Parameters of one operation have their own class ({@link
 * org.cspkit.partnercenter.CheckoutParams}, {@link org.cspkit.partnercenter.OrderListParams},
 * {@link org.cspkit.partnercenter.ProvisioningWaitOptions}). Credentials are an {@link
 * org.cspkit.partnercenter.AccessTokenSource} returning {@link
 * org.cspkit.partnercenter.AccessToken}s; the MSAL4J ones are in {@link
 * org.cspkit.partnercenter.auth}. {@link org.cspkit.partnercenter.PartnerCenterCloud} names the
 * API host, authority and token audience of each cloud.
 *
 * <p>A call returns the decoded model ({@link org.cspkit.partnercenter.model}) of a documented
 * success status, or throws a {@link org.cspkit.partnercenter.exception.PartnerCenterException}
 * (or {@link IllegalArgumentException} for a bad argument, before anything is sent).
 *
 * <p>Thread safety: the client, its services, the options and parameter classes and {@link
 * org.cspkit.partnercenter.AccessToken} are immutable and thread-safe; builders are not.
 */
package org.cspkit.partnercenter;
