package org.cspkit.partnercenter.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A fault {@link FakePartnerCenter#enqueueFault(Fault) scripted} into the fake: the next request
 * it applies to gets it instead of (or, for {@link #dropAfterCommit()}, after) the normal answer,
 * or, for {@link #lineItemError(int, int)} and {@link #partialCheckout(int, String, String...)},
 * an answer that carries it. A fault applies to any operation of the OpenAPI document unless it
 * is {@link #on(String) scoped} to one ({@link #on(Operation)} for the operations {@link
 * Operation} names); some are scoped when made (the checkout codes of {@link #errorCode(int)}, a
 * partial checkout) or apply only where they can (a line item error: to {@code createCart} and
 * {@code updateCart}). Every answer is one the OpenAPI document declares for the operation, with
 * its documented body. Immutable and thread-safe.
 *
 * <pre>{@code
 * fake.enqueueFault(Fault.throttled(Duration.ofSeconds(1)).on(Operation.CHECKOUT_CART));
 * fake.enqueueFault(Fault.dropAfterCommit().on(Operation.CREATE_CART));
 * fake.enqueueFault(Fault.errorCode(800065));
 * fake.enqueueFault(Fault.lineItemError(0, 10001));
 * fake.enqueueFault(Fault.partialCheckout(800020, "The catalog item is not eligible.", "1"));
 * }</pre>
 */
public final class Fault {
  /** What a fault does. */
  public enum Kind {
    /** 429 with {@code Retry-After} and the throttling body; nothing is changed. */
    THROTTLED,
    /** 503 with the front door's {@code ServiceUnavailable} body; nothing is changed. */
    SERVICE_UNAVAILABLE,
    /** An error status with a Partner Center error body ({@code ApiFault}); nothing is changed. */
    ERROR,
    /**
     * The operation runs (a cart is created, a checkout creates its orders), then the connection
     * is closed before the answer is sent: the caller cannot tell whether it happened.
     */
    DROP_AFTER_COMMIT,
    /** The connection is closed before the operation runs; nothing is changed. */
    DROP_BEFORE_COMMIT,
    /**
     * The operation runs at once (a cart is created, a checkout creates its orders), and its
     * answer is sent after a delay: for timeouts and cancellation while a call is in flight.
     */
    SLOW_ANSWER,
    /**
     * The cart is created or replaced (201) with an error on one of its line items, as when
     * Partner Center flags a line it cannot sell: checking the cart out then fails with 400 /
     * 800009 until an update replaces the line.
     */
    LINE_ITEM_ERROR,
    /**
     * The checkout succeeds (201) for some order groups only: the others are in the result's
     * {@code orderErrors} and get no order.
     */
    PARTIAL_CHECKOUT
  }

  private final Kind kind;
  private final String operationId;
  private final FaultDetails details;

  private Fault(Kind kind, String operationId, FaultDetails details) {
    this.kind = kind;
    this.operationId = operationId;
    this.details = details;
  }

  /**
   * 429 Too Many Requests, with {@code Retry-After} and the throttling body ({@code statusCode},
   * {@code message}). Nothing is changed on the fake.
   *
   * @param retryAfter the wait to announce; sent in whole seconds, rounded up ({@link
   *     Duration#ZERO} sends {@code Retry-After: 0}, which keeps tests fast)
   * @return the fault, for any operation
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public static Fault throttled(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    return new Fault(
        Kind.THROTTLED, null, new FaultDetails(429, null, null, retryAfter, null, null, List.of()));
  }

  /**
   * 503 Service Unavailable, with the front door's body (code {@code ServiceUnavailable}, a
   * string). Nothing is changed on the fake.
   *
   * @return the fault, for any operation
   */
  public static Fault serviceUnavailable() {
    return new Fault(Kind.SERVICE_UNAVAILABLE, null, FaultDetails.of(503, null, null));
  }

  /**
   * Runs the operation (the cart is created or replaced, the checkout creates its orders) and then
   * closes the connection before the answer is sent, as when a gateway or the network fails after
   * Partner Center did the work. A retry with the same {@code MS-RequestId} gets the committed
   * result; a new checkout of the cart with another request ID gets 800065.
   *
   * @return the fault, for any operation
   */
  public static Fault dropAfterCommit() {
    return new Fault(Kind.DROP_AFTER_COMMIT, null, FaultDetails.of(0, null, null));
  }

  /**
   * Runs the operation at once (the cart is created, the checkout creates its orders) and sends
   * its answer after {@code delay}, as when Partner Center or a gateway is slow: the caller's
   * call is in flight meanwhile, to be timed out or cancelled. The request is in {@link
   * FakePartnerCenter#requests()} as soon as it arrives.
   *
   * @param delay how long the answer waits, at least 1 millisecond
   * @return the fault, for any operation
   * @throws IllegalArgumentException if {@code delay} is less than 1 millisecond
   */
  public static Fault slowAnswer(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.toMillis() < 1) {
      throw new IllegalArgumentException("delay must be at least 1 millisecond: " + delay);
    }
    return new Fault(
        Kind.SLOW_ANSWER, null, new FaultDetails(0, null, null, null, delay, null, List.of()));
  }

  /**
   * Closes the connection without running the operation and without answering.
   *
   * @return the fault, for any operation
   */
  public static Fault dropBeforeCommit() {
    return new Fault(Kind.DROP_BEFORE_COMMIT, null, FaultDetails.of(0, null, null));
  }

  /**
   * The documented answer for a Partner Center error code: the status and description of the
   * OpenAPI document's example of it. Every code the document gives an example of is known. The
   * checkout codes apply to the next checkout unless {@link #on(Operation) scoped} otherwise:
   * 800065 (400, the cart was already submitted), 800009 (400, line items have errors), 800064
   * (409, the cart is being processed by another request), 800020 (403, the catalog item is not
   * eligible for purchase; the code of the document's failed order group), 800005 (500, the order
   * could not be created). 20000 (404, order not found) applies to the next {@code getOrder};
   * 800007 (404, no provisioning information) and 900329 (403, app-only token) to the next {@code
   * getOrderProvisioningStatus}. These apply to any operation: 800008 (404, cart not found; scope
   * it to a cart operation), 800002 (400, invalid request input), 2000 (400), 800001 (401, with
   * {@code WWW-Authenticate}), 20002 (403), 60003 (404), 800003 (500). Nothing is changed on the
   * fake.
   *
   * @param code the error code
   * @return the fault
   * @throws IllegalArgumentException if the code is not one of those; use {@link #error(int,
   *     int, String)} for others
   */
  public static Fault errorCode(int code) {
    DocumentedErrors.Answer documented = DocumentedErrors.CODES.get(code);
    if (documented == null) {
      throw new IllegalArgumentException("No documented answer for error code " + code
          + "; use Fault.error(status, code, description). Known: "
          + DocumentedErrors.CODES.keySet().stream().sorted().toList());
    }
    return new Fault(
        Kind.ERROR,
        documented.operationId(),
        FaultDetails.of(documented.status(), code, documented.description()));
  }

  /**
   * Creates or replaces the cart (201) with an error on the line item whose {@code id} is {@code
   * lineItemId}, as Partner Center flags a line it cannot sell: its {@code error} has {@code
   * errorCode} and the document's meaning of the code as {@code errorDescription} ("The catalog
   * item ID is not valid." for 10001; "The line item cannot be bought as it is." for a code it
   * does not list). Reading the cart shows the error; its checkout fails with 400 / 800009 until
   * an update replaces the lines (which clears the errors, unless the update takes a line item
   * error itself). Applies to the next {@code createCart} or {@code updateCart}, or to the
   * operation of {@link #on(Operation)}; a cart without a line of that ID gets no error.
   *
   * @param lineItemId the line item's {@code id} (the fake numbers lines sent without one 0, 1,
   *     … in order)
   * @param errorCode the {@code CartError.errorCode}, such as 10001 (catalog item ID not valid)
   *     or 400039 (term not supported)
   * @return the fault
   */
  public static Fault lineItemError(int lineItemId, int errorCode) {
    return lineItemError(
        lineItemId,
        errorCode,
        DocumentedErrors.LINE_ITEM_ERRORS.getOrDefault(
            errorCode, DocumentedErrors.UNLISTED_LINE_ITEM_ERROR));
  }

  /**
   * Like {@link #lineItemError(int, int)}, with the line item error's description.
   *
   * @param lineItemId the line item's {@code id}
   * @param errorCode the {@code CartError.errorCode}
   * @param errorDescription the {@code CartError.errorDescription}
   * @return the fault
   * @throws NullPointerException if {@code errorDescription} is null
   */
  public static Fault lineItemError(int lineItemId, int errorCode, String errorDescription) {
    Objects.requireNonNull(errorDescription, "errorDescription");
    return new Fault(
        Kind.LINE_ITEM_ERROR,
        null,
        new FaultDetails(0, errorCode, errorDescription, null, null, lineItemId, List.of()));
  }

  /**
   * A checkout that succeeds for some order groups only, as Partner Center answers when it
   * cannot order some of them: 201 with one order for each order group of the cart not in
   * {@code failedOrderGroups}, and for each one that is, an entry of {@code orderErrors} with its
   * {@code orderGroupId}, {@code code} and {@code description}, and no order. The cart is {@code
   * Ordered}; a retry with the same {@code MS-RequestId} gets the same result. Order groups the
   * cart does not have are left out; when every group fails, {@code orders} is empty. Applies to
   * the next {@code checkoutCart}, whatever its outcome (a checkout refused with 800009 or
   * 800065, or repeated, uses it up without effect).
   *
   * @param code the error code of each failed order group, such as 800020 (the catalog item is
   *     not eligible for purchase)
   * @param description the description of each failed order group
   * @param failedOrderGroups the order groups that fail, as in the cart's {@code
   *     lineItems[].orderGroup} (the fake makes one per billing cycle: {@code "0"}, {@code "1"},
   *     … in order of appearance)
   * @return the fault, scoped to {@link Operation#CHECKOUT_CART}
   * @throws IllegalArgumentException if no order group is given
   * @throws NullPointerException if {@code description} or an order group is null
   */
  public static Fault partialCheckout(int code, String description, String... failedOrderGroups) {
    Objects.requireNonNull(description, "description");
    if (failedOrderGroups.length == 0) {
      throw new IllegalArgumentException("failedOrderGroups must name at least one order group");
    }
    return new Fault(
        Kind.PARTIAL_CHECKOUT,
        Operation.CHECKOUT_CART.operationId(),
        new FaultDetails(0, code, description, null, null, null, List.of(failedOrderGroups)));
  }

  /**
   * An error answer with a Partner Center error body ({@code code}, {@code description}, {@code
   * data}, {@code source}). Nothing is changed on the fake. The status should be one the
   * operation declares (400, 401, 403, 404, 409 on checkout, 500, 503), or the answer is outside
   * the contract.
   *
   * @param status the HTTP status, 400 to 599
   * @param code the error code
   * @param description the error description
   * @return the fault, for any operation
   * @throws IllegalArgumentException if the status is outside 400..599
   */
  public static Fault error(int status, int code, String description) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be from 400 to 599: " + status);
    }
    Objects.requireNonNull(description, "description");
    return new Fault(Kind.ERROR, null, FaultDetails.of(status, code, description));
  }

  /**
   * This fault, applied only to requests of {@code operation}; requests of other operations pass
   * it by. The same as {@link #on(String) on(operation.operationId())}.
   *
   * @param operation the operation
   * @return a new fault
   * @throws IllegalArgumentException if the fault cannot apply to that operation: a {@link
   *     Kind#LINE_ITEM_ERROR} applies only to {@code createCart} and {@code updateCart}, a {@link
   *     Kind#PARTIAL_CHECKOUT} only to {@code checkoutCart}
   */
  public Fault on(Operation operation) {
    return on(Objects.requireNonNull(operation, "operation").operationId());
  }

  /**
   * This fault, applied only to requests of the operation with this {@code operationId} in the
   * OpenAPI document the fake follows, whether or not {@link Operation} names it (such as an
   * operation the fake answers from the document's example); requests of other operations pass
   * it by. {@link FakePartnerCenter#enqueueFault(Fault)} refuses a fault scoped to an operation
   * its document does not have.
   *
   * @param operationId the {@code operationId}, such as {@code checkoutCart}
   * @return a new fault
   * @throws IllegalArgumentException if the fault cannot apply to that operation: a {@link
   *     Kind#LINE_ITEM_ERROR} applies only to {@code createCart} and {@code updateCart}, a {@link
   *     Kind#PARTIAL_CHECKOUT} only to {@code checkoutCart}
   * @throws NullPointerException if {@code operationId} is null
   */
  public Fault on(String operationId) {
    if (!fits(Objects.requireNonNull(operationId, "operationId"))) {
      throw new IllegalArgumentException(kind + " cannot apply to " + operationId + ": " + this);
    }
    return new Fault(kind, operationId, details);
  }

  /**
   * What the fault does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The operation the fault is scoped to, or {@code null} when it is not scoped to one: then it
   * applies to any operation, except a {@link Kind#LINE_ITEM_ERROR}, which applies to {@code
   * createCart} and {@code updateCart}.
   *
   * @return the operation or {@code null}; {@code null} too when it is scoped to an operation
   *     {@link Operation} does not name (see {@link #operationId()})
   */
  public Operation operation() {
    return Operation.of(operationId);
  }

  /**
   * The {@code operationId} of the operation the fault is scoped to, or {@code null} when it is
   * not scoped to one.
   *
   * @return the operation ID or {@code null}
   */
  public String operationId() {
    return operationId;
  }

  /** Whether a request of the operation {@code candidate} (an {@code operationId}) takes it. */
  boolean appliesTo(String candidate) {
    return operationId != null ? operationId.equals(candidate) : fits(candidate);
  }

  /** Whether a fault of this kind can apply to requests of {@code candidate}. */
  private boolean fits(String candidate) {
    return switch (kind) {
      case LINE_ITEM_ERROR ->
        Operation.CREATE_CART.operationId().equals(candidate)
            || Operation.UPDATE_CART.operationId().equals(candidate);
      case PARTIAL_CHECKOUT -> Operation.CHECKOUT_CART.operationId().equals(candidate);
      default -> true;
    };
  }

  /**
   * Whether the operation runs: its answer is then lost or late, or carries the fault (a line
   * item error, failed order groups). Otherwise the fault's answer replaces it.
   */
  boolean runsOperation() {
    return kind == Kind.DROP_AFTER_COMMIT
        || kind == Kind.SLOW_ANSWER
        || kind == Kind.LINE_ITEM_ERROR
        || kind == Kind.PARTIAL_CHECKOUT;
  }

  /** What it answers with. */
  FaultDetails details() {
    return details;
  }

  @Override
  public String toString() {
    return "Fault[" + kind + details + (operationId != null ? " on " + operationId : "") + "]";
  }
}
