package org.cspkit.checkout.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Cancels the OkHttp call of a thread that is interrupted while it waits in {@link
 * Call#execute()}, which itself ignores interrupts. One daemon thread, started on first use, looks
 * at the watched threads every {@value #POLL_MILLIS} ms while any are watched and sleeps
 * otherwise; watching costs a map insert and removal, and no thread hand-off. Okio's {@code
 * AsyncTimeout} watchdog works the same way for timeouts. Thread-safe.
 */
final class InterruptWatchdog {
  static final long POLL_MILLIS = 10;
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  static final InterruptWatchdog INSTANCE = new InterruptWatchdog();

  private final Map<Thread, Call> watched = new ConcurrentHashMap<>();
  private final Thread thread;
  /** True while the watchdog thread is parked with no deadline; it must then be woken. */
  private volatile boolean sleeping;

  private InterruptWatchdog() {
    thread = new Thread(this::loop, "cspkit-checkout-interrupt-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Cancels {@code call} if the current thread is interrupted before {@link #release()}; at once
   * if it already is.
   */
  void watch(Call call) {
    Thread caller = Thread.currentThread();
    watched.put(caller, call);
    if (sleeping) {
      LockSupport.unpark(thread);
    }
    if (caller.isInterrupted()) {
      call.cancel();
    }
  }

  /** Stops watching the current thread. */
  void release() {
    watched.remove(Thread.currentThread());
  }

  private void loop() {
    long idleSince = System.nanoTime();
    while (true) {
      if (watched.isEmpty()) {
        if (System.nanoTime() - idleSince > IDLE_NANOS) {
          // A watch() that finds sleeping false has put its entry before this check reads it.
          sleeping = true;
          if (watched.isEmpty()) {
            LockSupport.park(this);
          }
          sleeping = false;
          continue;
        }
      } else {
        idleSince = System.nanoTime();
        watched.forEach((caller, call) -> {
          if (caller.isInterrupted()) {
            call.cancel();
          }
        });
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
    }
  }
}
