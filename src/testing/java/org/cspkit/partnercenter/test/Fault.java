package org.cspkit.partnercenter.test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A fault {@link FakePartnerCenter#enqueueFault(Fault) scripted} into the fake: the next request
 * it applies to gets it instead of (or, for {@link #dropAfterCommit()}, after) the normal answer.
 * A fault applies to any operation unless it is {@link #on(Operation) scoped} to one. Every answer
 * is one the OpenAPI document declares for the operation, with its documented body. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * fake.enqueueFault(Fault.throttled(Duration.ofSeconds(1)).on(Operation.CHECKOUT_CART));
 * fake.enqueueFault(Fault.dropAfterCommit().on(Operation.CREATE_CART));
 * fake.enqueueFault(Fault.errorCode(800065));
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
    SLOW_ANSWER
  }

  /** Documented error codes: status and description, as in the OpenAPI document's examples. */
  private static final Map<Integer, Object[]> DOCUMENTED = Map.ofEntries(
      Map.entry(800065, new Object[] {
        400, "Cannot checkout an already submitted cart.", Operation.CHECKOUT_CART
      }),
      Map.entry(800009, new Object[] {
        400,
        "Error in cart item(s). Check the error on each cart line item.",
        Operation.CHECKOUT_CART
      }),
      Map.entry(800064, new Object[] {
        409, "Cart is being processed by another request.", Operation.CHECKOUT_CART
      }),
      Map.entry(
          800005, new Object[] {500, "Create order was not successful.", Operation.CHECKOUT_CART}),
      Map.entry(800002, new Object[] {400, "Invalid request input.", null}),
      Map.entry(2000, new Object[] {400, "Tenant Id must be a GUID.", null}),
      Map.entry(
          800001, new Object[] {401, "Partner token is missing in the request context.", null}),
      Map.entry(20002, new Object[] {
        403, "Partner does not have a commerce relationship with the customer.", null
      }),
      Map.entry(60003, new Object[] {404, "Tenant not found.", null}),
      Map.entry(800003, new Object[] {500, "Unexpected service error.", null}));

  private final Kind kind;
  private final int status;
  private final Integer code;
  private final String description;
  private final Duration retryAfter;
  private final Operation operation;
  private final Duration delay;

  private Fault(
      Kind kind,
      int status,
      Integer code,
      String description,
      Duration retryAfter,
      Operation operation,
      Duration delay) {
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
    this.operation = operation;
    this.delay = delay;
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
    return new Fault(Kind.THROTTLED, 429, null, null, retryAfter, null, null);
  }

  /**
   * 503 Service Unavailable, with the front door's body (code {@code ServiceUnavailable}, a
   * string). Nothing is changed on the fake.
   *
   * @return the fault, for any operation
   */
  public static Fault serviceUnavailable() {
    return new Fault(Kind.SERVICE_UNAVAILABLE, 503, null, null, null, null, null);
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
    return new Fault(Kind.DROP_AFTER_COMMIT, 0, null, null, null, null, null);
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
    return new Fault(Kind.SLOW_ANSWER, 0, null, null, null, null, delay);
  }

  /**
   * Closes the connection without running the operation and without answering.
   *
   * @return the fault, for any operation
   */
  public static Fault dropBeforeCommit() {
    return new Fault(Kind.DROP_BEFORE_COMMIT, 0, null, null, null, null, null);
  }

  /**
   * The documented answer for a Partner Center error code, with the OpenAPI document's status and
   * description. The checkout codes apply to the next checkout unless {@link #on(Operation)
   * scoped} otherwise: 800065 (400, the cart was already submitted), 800009 (400, line items
   * have errors), 800064 (409, the cart is being processed by another request), 800005 (500,
   * the order could not be created). These apply to any operation: 800002 (400), 2000 (400),
   * 800001 (401), 20002 (403), 60003 (404), 800003 (500). Nothing is changed on the fake.
   *
   * @param code the error code
   * @return the fault
   * @throws IllegalArgumentException if the code is not one of those; use {@link #error(int,
   *     int, String)} for others
   */
  public static Fault errorCode(int code) {
    Object[] documented = DOCUMENTED.get(code);
    if (documented == null) {
      throw new IllegalArgumentException("No documented answer for error code " + code
          + "; use Fault.error(status, code, description). Known: " + DOCUMENTED.keySet());
    }
    return new Fault(
        Kind.ERROR,
        (Integer) documented[0],
        code,
        (String) documented[1],
        null,
        (Operation) documented[2],
        null);
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
    return new Fault(
        Kind.ERROR,
        status,
        code,
        Objects.requireNonNull(description, "description"),
        null,
        null,
        null);
  }

  /**
   * This fault, applied only to requests of {@code operation}; requests of other operations pass
   * it by.
   *
   * @param operation the operation
   * @return a new fault
   */
  public Fault on(Operation operation) {
    return new Fault(
        kind,
        status,
        code,
        description,
        retryAfter,
        Objects.requireNonNull(operation, "operation"),
        delay);
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
   * The operation the fault is scoped to, or {@code null} for any.
   *
   * @return the operation or {@code null}
   */
  public Operation operation() {
    return operation;
  }

  boolean appliesTo(Operation candidate) {
    return operation == null || operation == candidate;
  }

  /** Whether the operation runs before the fault shows (the answer is lost, or late). */
  boolean committed() {
    return kind == Kind.DROP_AFTER_COMMIT || kind == Kind.SLOW_ANSWER;
  }

  /** How late a {@link Kind#SLOW_ANSWER} is sent. */
  Duration delay() {
    return delay;
  }

  int status() {
    return status;
  }

  Integer code() {
    return code;
  }

  String description() {
    return description;
  }

  /** The {@code Retry-After} seconds, rounded up. */
  long retryAfterSeconds() {
    long seconds = retryAfter.getSeconds();
    return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
  }

  @Override
  public String toString() {
    return "Fault[" + kind + (code != null ? " " + status + "/" + code : "")
        + (retryAfter != null ? " Retry-After " + retryAfterSeconds() + " s" : "")
        + (delay != null ? " after " + delay.toMillis() + " ms" : "")
        + (operation != null ? " on " + operation.operationId() : "") + "]";
  }
}
