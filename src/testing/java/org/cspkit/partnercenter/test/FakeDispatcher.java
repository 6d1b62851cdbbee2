package org.cspkit.partnercenter.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * The fake's handling of requests and its state: routes each request to an operation of its
 * OpenAPI document, refuses it or injects a fault, and answers it from the {@link FakeStore} for
 * the operations of {@link Operation}, from the document's example for the others. Thread-safe:
 * requests are checked concurrently and handled one at a time, under one lock that also guards
 * the state the fake's accessors read.
 */
final class FakeDispatcher extends Dispatcher {
  private final Spec spec;
  private final Object lock = new Object();

  // Guarded by lock.
  private final FaultQueue faults;
  private final List<ReceivedRequest> received = new ArrayList<>();
  private final FakeStore store;

  /** An answer and what the request log says about it. */
  private record Answer(MockResponse response, int status, Fault fault) {
    Fault.Kind kind() {
      return fault == null ? null : fault.kind();
    }
  }

  FakeDispatcher(Spec spec, FaultQueue faults, FakeStore store) {
    this.spec = spec;
    this.faults = faults;
    this.store = store;
  }

  /**
   * Adds a scripted fault.
   *
   * @throws IllegalArgumentException if it is scoped to an operation the document does not have
   */
  void enqueue(Fault fault) {
    if (fault.operationId() != null && spec.operation(fault.operationId()) == null) {
      throw new IllegalArgumentException("The fake's OpenAPI document has no operation "
          + fault.operationId() + " for " + fault + "; its operations: "
          + spec.operations().stream()
              .map(Spec.SpecOperation::operationId)
              .sorted()
              .toList());
    }
    synchronized (lock) {
      faults.add(fault);
    }
  }

  List<Fault> pendingFaults() {
    synchronized (lock) {
      return faults.pending();
    }
  }

  List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /** What {@code read} makes of the store, under the lock. */
  <T> T read(Function<FakeStore, T> read) {
    synchronized (lock) {
      return read.apply(store);
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    String requestId = request.getHeaders().get("MS-RequestId");
    String correlationId = request.getHeaders().get("MS-CorrelationId");
    Routing.Route route = Routing.route(spec, method, path);
    // Outside the lock: checking takes milliseconds and reads no state.
    List<String> problems = List.of();
    RuntimeException failure = null;
    try {
      problems = route.operation() == null
          ? List.of()
          : RequestValidation.problems(spec.validator(), request);
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (lock) {
      Answer answer;
      try {
        answer = failure != null ? failed(failure) : answer(request, route, requestId, problems);
      } catch (RuntimeException e) {
        answer = failed(e);
      }
      received.add(new ReceivedRequest(
          method,
          path,
          route.known(),
          route.operationId(),
          requestId,
          correlationId,
          answer.status(),
          answer.kind()));
      MockResponse.Builder response = answer
          .response()
          .newBuilder()
          .setHeader("MS-RequestId", Answers.echoed(requestId))
          .setHeader("MS-CorrelationId", Answers.echoed(correlationId))
          .setHeader("MS-CV", Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".0");
      if (answer.kind() == Fault.Kind.DROP_AFTER_COMMIT
          || answer.kind() == Fault.Kind.DROP_BEFORE_COMMIT) {
        response.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
      } else if (answer.kind() == Fault.Kind.SLOW_ANSWER) {
        response.headersDelay(answer.fault().details().delay().toMillis(), TimeUnit.MILLISECONDS);
      }
      return response.build();
    }
  }

  /** A failure of the fake itself: 500 / 800003 naming it, rather than no answer. */
  private static Answer failed(RuntimeException e) {
    return new Answer(Answers.fakeFailure(e), 500, null);
  }

  private Answer answer(
      RecordedRequest request, Routing.Route route, String requestId, List<String> problems) {
    MockResponse refusal = Routing.refusal(request, route, problems);
    if (refusal != null) {
      return new Answer(refusal, refusal.getCode(), null);
    }
    Fault fault = faults.next(route.operationId(), route.operation().method());
    if (fault != null && !fault.runsOperation()) {
      return new Answer(Answers.of(fault), fault.details().status(), fault);
    }
    Operation known = route.known();
    MockResponse response = known != null
        ? store.run(known, route.pathParameters(), request, requestId, fault)
        : Answers.example(route.operation());
    return new Answer(response, response.getCode(), fault);
  }
}
