package org.cspkit.partnercenter.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The faults waiting for requests: the scripted ones, in order, then the random ones of {@link
 * FakePartnerCenter.Builder#randomFaults(long, double)}. Not thread-safe: {@link
 * FakePartnerCenter} calls it under its lock.
 */
final class FaultQueue {
  private final Deque<Fault> scripted = new ArrayDeque<>();
  private final Random random;
  private final double probability;

  /**
   * @param seed the seed of the random faults, or null for none
   * @param probability the probability of each of the three random faults
   */
  FaultQueue(Long seed, double probability) {
    this.random = seed == null ? null : new Random(seed);
    this.probability = probability;
  }

  void add(Fault fault) {
    scripted.add(fault);
  }

  List<Fault> pending() {
    return List.copyOf(scripted);
  }

  /**
   * The first scripted fault for this operation, else a random one (only for an operation that
   * changes state: any method but GET), else null.
   *
   * @param operationId the operation's {@code operationId}
   * @param method its HTTP method
   */
  Fault next(String operationId, String method) {
    for (Iterator<Fault> it = scripted.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.appliesTo(operationId)) {
        it.remove();
        return fault;
      }
    }
    if (random == null || "GET".equals(method)) {
      return null;
    }
    double roll = random.nextDouble();
    if (roll < probability) {
      return Fault.throttled(Duration.ZERO);
    }
    if (roll < 2 * probability) {
      return Fault.serviceUnavailable();
    }
    if (roll < 3 * probability) {
      return Fault.dropAfterCommit();
    }
    return null;
  }
}
