/**
 * The client of Partner Center's purchase flow: build a {@link
 * org.cspkit.partnercenter.PartnerCenterClient} once with {@link
 * org.cspkit.partnercenter.PartnerCenterClient#builder()}, then call {@link
 * org.cspkit.partnercenter.PartnerCenterClient#carts()} (create, read, replace and check out a
 * customer's cart) and {@link org.cspkit.partnercenter.PartnerCenterClient#orders()} (read and
 * list orders, read and wait for their provisioning status). Credentials are an {@link
 * org.cspkit.partnercenter.AccessTokenSource} returning {@link
 * org.cspkit.partnercenter.AccessToken}s; the MSAL4J ones are in {@link
 * org.cspkit.partnercenter.auth}. {@link org.cspkit.partnercenter.PartnerCenterCloud} names the
 * API host, authority and token audience of each cloud.
 *
 * <h2 id="forms">The forms of an operation</h2>
 *
 * <p>Every operation {@code x} of {@link org.cspkit.partnercenter.CartsService} and {@link
 * org.cspkit.partnercenter.OrdersService} has the same forms, and takes either its required
 * arguments alone or every argument: its parameters object when it has one ({@link
 * org.cspkit.partnercenter.CheckoutParams}, {@link org.cspkit.partnercenter.OrderGetParams},
 * {@link org.cspkit.partnercenter.OrderListParams}), then {@link
 * org.cspkit.partnercenter.RequestOptions} (the {@code MS-RequestId} that is its idempotency key,
 * the {@code MS-CorrelationId}, {@link org.cspkit.partnercenter.RetryOptions}, an {@link
 * org.cspkit.partnercenter.AttemptListener}). There is no form in between: the short one sends
 * {@code none()} parameters and {@code RequestOptions.defaults()}.
 *
 * <ul>
 *   <li>{@code x(required)} and {@code x(required, [params,] options)} run on the calling thread
 *       and return the decoded model ({@link org.cspkit.partnercenter.model}) of a documented
 *       success status. The full contract of each operation (its request, its Partner Center page,
 *       every exception with its status) is on this full form; the other forms link to it.
 *   <li>{@code xAsync(…)} returns a {@link java.util.concurrent.CompletableFuture} of the same
 *       result, completed exceptionally with the exception the blocking form would throw.
 *   <li>{@code xWithResponse(…)} and {@code xWithResponseAsync(…)} return the result as a {@link
 *       org.cspkit.partnercenter.PartnerCenterResponse}: with the status, the headers, the {@code
 *       MS-RequestId} and {@code MS-CorrelationId} sent, the {@code MS-CV} and every attempt.
 *   <li>{@code previewX(…)}, for each operation that changes something (create, update,
 *       checkout), returns the request the call would send, body and headers included, with
 *       {@code Authorization: Bearer ****} and a password in the base URL masked the same way:
 *       nothing is sent and no token is asked for. For dry runs and logs.
 * </ul>
 *
 * <h2 id="common">What every operation does</h2>
 *
 * <ul>
 *   <li>Its arguments are checked before anything is sent: a bad one, a null one included, is an
 *       {@link IllegalArgumentException} that names it, thrown by every form, an {@code …Async}
 *       one at once rather than in its future. A closed client throws {@link
 *       IllegalStateException}.
 *   <li>A failure is a {@link org.cspkit.partnercenter.exception.PartnerCenterException} subtype
 *       with the status, Partner Center's error code and description and the request IDs. A
 *       retryable failure (see {@link org.cspkit.partnercenter.RetryOptions} for the statuses) is
 *       first retried with backoff and the same {@code MS-RequestId}, Partner Center's idempotency
 *       key, within the retry deadline. A token source's failure is an {@link
 *       org.cspkit.partnercenter.exception.AuthenticationException}, and nothing is sent. A 2xx
 *       the spec does not document is an {@link
 *       org.cspkit.partnercenter.exception.UndecodableResponseException} for a GET and an {@link
 *       org.cspkit.partnercenter.exception.OutcomeUnknownException} for a POST or PUT; a 3xx is
 *       never followed.
 *   <li>A blocking form's thread waits for the call, the retries included. Interrupting it cancels
 *       the attempt in flight (within about 10 ms) or ends the wait, stops every retry still to
 *       come, and throws a {@link org.cspkit.partnercenter.exception.TransportException} with the
 *       interrupt flag kept.
 *   <li>An {@code …Async} form's attempts run on the client's own daemon threads, at most {@link
 *       org.cspkit.partnercenter.PartnerCenterClientBuilder#maxAsyncConcurrency} at once across
 *       the client (more wait in a queue, their deadline running); its future completes on one of
 *       them (as does any dependent stage that is not {@code *Async}). Cancelling the future stops
 *       the call: once {@code cancel} returns, no attempt starts and no request byte is written,
 *       and the future holds a {@link org.cspkit.partnercenter.exception.CallCancelledException}
 *       that says whether an attempt may have reached Partner Center. The client's {@code close()}
 *       ends it with a {@link org.cspkit.partnercenter.exception.TransportException}, at once or
 *       as its attempt in flight ends.
 * </ul>
 *
 * <p>Thread safety: the client, its services, the options and parameter classes and {@link
 * org.cspkit.partnercenter.AccessToken} are immutable and thread-safe; builders are not. Options
 * and parameters are built the same way: {@code X.builder()…build()}, {@code x.newBuilder()}, and
 * a shared {@code none()} or {@code defaults()}.
 */
package org.cspkit.partnercenter;
