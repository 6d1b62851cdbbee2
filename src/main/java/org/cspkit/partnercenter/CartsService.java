package org.cspkit.partnercenter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.internal.Arguments;
import org.cspkit.partnercenter.internal.CheckoutRules;
import org.cspkit.partnercenter.internal.Pipeline;
import org.cspkit.partnercenter.internal.api.CartsApi;
import org.cspkit.partnercenter.model.CartCheckoutResult;

/**
 * The cart operations of {@link PartnerCenterClient#carts()}. Thread-safe; every method runs
 * through the client's one pipeline (token cache, standard headers, retries, error mapping), and
 * checks its arguments before anything is sent ({@link IllegalArgumentException}).
 */
public final class CartsService {
  private static final String MASKED_TOKEN = "****";

  private final Pipeline pipeline;
  private final CartsApi api;

  CartsService(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.api = pipeline.api(CartsApi.class);
  }

  /**
   * Checks out a cart: {@code POST /v1/customers/{customer-id}/carts/{cart-id}/checkout} (Partner
   * Center page "Checkout an order for a customer in a cart"), with a new {@code MS-RequestId}.
   *
   * @param customerId the customer's tenant ID, a GUID such as {@code
   *     d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d}
   * @param cartId the cart ID returned when the cart was created, a GUID
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #checkout(String, String,
   *     CheckoutParams, RequestOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId) {
    return checkout(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults());
  }

  /**
   * Checks out a cart with the given request options and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws PartnerCenterException on any failure; see {@link #checkout(String, String,
   *     CheckoutParams, RequestOptions)}
   */
  public CartCheckoutResult checkout(String customerId, String cartId, RequestOptions options) {
    return checkout(customerId, cartId, CheckoutParams.none(), options);
  }

  /**
   * Checks out a cart on the calling thread, which is blocked until the checkout succeeds, fails
   * for good, runs out of attempts or reaches the retry deadline. Retryable failures (no
   * response, 408, 429, 500, 502, 503, 504, 409 with 800064 or 800060) are retried with the same
   * {@code MS-RequestId} (see {@link RetryOptions}); the thread sleeps between attempts. The whole
   * call, waiting for a token and decoding included, ends by the retry deadline. Interrupting the
   * thread cancels the attempt in flight (within about 10 ms) or ends the wait, stops every retry
   * still to come, and throws a {@link org.cspkit.partnercenter.exception.TransportException} with
   * the interrupt flag kept.
   *
   * <p>A 200 or 201 returns the result, which may still list failed order groups in {@code
   * orderErrors()}.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return the checkout result: the orders created and the order groups that failed
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   * @throws org.cspkit.partnercenter.exception.BadRequestException on 400 (such as 800065,
   *     already submitted, or 800009, cart line item errors)
   * @throws org.cspkit.partnercenter.exception.AuthenticationException on 401, or when the token
   *     source fails (nothing is sent)
   * @throws org.cspkit.partnercenter.exception.ForbiddenException on 403
   * @throws org.cspkit.partnercenter.exception.NotFoundException on 404 (such as 800008, cart not
   *     found)
   * @throws org.cspkit.partnercenter.exception.ConflictException on 409 (such as 800064)
   * @throws org.cspkit.partnercenter.exception.ThrottledException on 429, with {@code Retry-After}
   * @throws org.cspkit.partnercenter.exception.ServerErrorException on 5xx
   * @throws org.cspkit.partnercenter.exception.UndecodableResponseException when a 200 or 201 body
   *     is not the JSON the spec describes, or is larger than {@link
   *     PartnerCenterClientBuilder#maxResponseBodySize}
   * @throws org.cspkit.partnercenter.exception.TransportException when no complete response
   *     arrives (connection failure, timeout, interrupt)
   * @throws org.cspkit.partnercenter.exception.OutcomeUnknownException on 800065 after an attempt
   *     that may have created the orders, or on a 2xx other than 200 and 201
   * @throws PartnerCenterException on any other status, a 3xx included (redirects are never
   *     followed)
   * @throws IllegalStateException if the client is closed
   */
  public CartCheckoutResult checkout(String customerId, String cartId, CheckoutParams params,
      RequestOptions options) {
    return pipeline.run(checkoutCall(customerId, cartId, params, options), CheckoutRules.INSTANCE);
  }

  /**
   * Checks out a cart without blocking, with a new {@code MS-RequestId} and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @return a future as described in {@link #checkoutAsync(String, String, CheckoutParams,
   *     RequestOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId) {
    return checkoutAsync(customerId, cartId, CheckoutParams.none(), RequestOptions.defaults());
  }

  /**
   * Checks out a cart without blocking, with the given request options and no customer user.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future as described in {@link #checkoutAsync(String, String, CheckoutParams,
   *     RequestOptions)}
   * @throws IllegalArgumentException if an ID is not a GUID; nothing is sent
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId,
      RequestOptions options) {
    return checkoutAsync(customerId, cartId, CheckoutParams.none(), options);
  }

  /**
   * Checks out a cart without blocking. Attempts run on the client's own daemon threads, at most
   * {@link PartnerCenterClientBuilder#maxAsyncConcurrency} at once across the client (more wait in
   * a queue, their deadline running), and retries are scheduled by Failsafe; the future completes
   * on one of those threads (as does any dependent stage that is not {@code *Async}). Cancelling
   * the future stops the checkout: once {@code cancel} returns, no attempt starts and no request
   * byte is written, and the future holds a {@link
   * org.cspkit.partnercenter.exception.CallCancelledException} that says whether an attempt may
   * have reached Partner Center.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID, correlation ID and retry options of this call
   * @return a future completed with the result, or exceptionally with the {@link
   *     PartnerCenterException} that {@link #checkout(String, String, CheckoutParams,
   *     RequestOptions)} would throw
   * @throws IllegalArgumentException if an ID is not a GUID (thrown at once; nothing is sent)
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<CartCheckoutResult> checkoutAsync(String customerId, String cartId,
      CheckoutParams params, RequestOptions options) {
    return pipeline.start(checkoutCall(customerId, cartId, params, options),
        CheckoutRules.INSTANCE);
  }

  /**
   * The request a checkout would send, without sending it or asking the token source for a token:
   * the {@code Authorization} header carries {@code Bearer ****}, and a password in the base URL
   * is masked the same way. For dry runs ({@code --what-if}) and logs.
   *
   * @param customerId the customer's tenant ID, a GUID
   * @param cartId the cart ID, a GUID
   * @param params the customer user to assign the licenses to, or {@link CheckoutParams#none()}
   * @param options the request ID and correlation ID to send (new ones unless given)
   * @return the request, with the same headers a real call would have
   * @throws IllegalArgumentException if an ID is not a GUID
   */
  public Request previewCheckout(String customerId, String cartId, CheckoutParams params,
      RequestOptions options) {
    return preview(checkoutCall(customerId, cartId, params, options));
  }

  private retrofit2.Call<CartCheckoutResult> checkoutCall(String customerId, String cartId,
      CheckoutParams params, RequestOptions options) {
    return api.checkoutCart(Arguments.requireGuid(customerId, "customerId"),
        Arguments.requireGuid(cartId, "cartId"),
        Objects.requireNonNull(params, "params").customerUserUpn().orElse(null),
        Objects.requireNonNull(options, "options"));
  }

  /** The request of a call as it would be sent, with the token and any URL password masked. */
  private Request preview(retrofit2.Call<?> call) {
    Request request = pipeline.preview(call, MASKED_TOKEN);
    HttpUrl url = request.url();
    return url.password().isEmpty() ? request
        : request.newBuilder().url(url.newBuilder().password(MASKED_TOKEN).build()).build();
  }
}
