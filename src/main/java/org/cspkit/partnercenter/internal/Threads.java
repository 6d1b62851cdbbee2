package org.cspkit.partnercenter.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the library's own threads: named, and daemon so a JVM can always exit. */
final class Threads {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private Threads() {}

  /**
   * Daemon threads named {@code prefix-C-N}: C counts the factories made, N the threads of one.
   *
   * @param prefix such as {@code cspkit-pc-async}
   * @return the factory
   */
  static ThreadFactory daemon(String prefix) {
    String name = prefix + "-" + CLIENTS.incrementAndGet() + "-";
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
