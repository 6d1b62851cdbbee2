package org.cspkit.partnercenter.internal;

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
 *
 * <p>Nothing can stop it for good: whatever a cancel throws (an {@code EventListener.canceled}
 * that fails, an {@link OutOfMemoryError}) is caught and the loop goes on, and should the thread
 * die all the same, the next {@link #watch} starts a new one.
 */
final class InterruptWatchdog {
  static final long POLL_MILLIS = 10;
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  static final InterruptWatchdog INSTANCE = new InterruptWatchdog();

  private final Map<Thread, Call> watched = new ConcurrentHashMap<>();
  private volatile Thread thread;
  /** True while the watchdog thread is parked with no deadline; it must then be woken. */
  private volatile boolean sleeping;

  private InterruptWatchdog() {
    thread = start();
  }

  private Thread start() {
    Thread started = new Thread(this::loop, "cspkit-pc-interrupt-watchdog");
    started.setDaemon(true);
    started.start();
    return started;
  }

  /** Starts a new watchdog thread if the current one has died. */
  private void ensureAlive() {
    if (!thread.isAlive()) {
      synchronized (this) {
        if (!thread.isAlive()) {
          sleeping = false;
          thread = start();
        }
      }
    }
  }

  /**
   * Cancels {@code call} if the current thread is interrupted before {@link #release()}; at once
   * if it already is.
   */
  void watch(Call call) {
    Thread caller = Thread.currentThread();
    watched.put(caller, call);
    ensureAlive();
    if (sleeping) {
      LockSupport.unpark(thread);
    }
    if (caller.isInterrupted()) {
      cancel(call);
    }
  }

  /** Stops watching the current thread. */
  void release() {
    watched.remove(Thread.currentThread());
  }

  private void loop() {
    long idleSince = System.nanoTime();
    while (true) {
      try {
        idleSince = step(idleSince);
      } catch (Throwable t) {
        // Survive anything (a throwing EventListener, an OutOfMemoryError): an interrupted caller
        // depends on this loop. The next round retries.
        idleSince = System.nanoTime();
      }
    }
  }

  /** One round: cancel the calls of interrupted threads, or sleep when nothing is watched. */
  private long step(long idleSince) {
    if (watched.isEmpty()) {
      if (System.nanoTime() - idleSince > IDLE_NANOS) {
        // A watch() that finds sleeping false has put its entry before this check reads it.
        sleeping = true;
        if (watched.isEmpty()) {
          LockSupport.park(this);
        }
        sleeping = false;
        return System.nanoTime();
      }
    } else {
      idleSince = System.nanoTime();
      for (Map.Entry<Thread, Call> entry : watched.entrySet()) {
        if (entry.getKey().isInterrupted()) {
          cancel(entry.getValue());
        }
      }
    }
    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
    return idleSince;
  }

  /** Cancels the call; a listener that throws on cancel does not undo it. */
  private static void cancel(Call call) {
    try {
      call.cancel();
    } catch (Throwable t) {
      // The call is cancelled before its listener runs; what the listener threw is its own.
    }
  }
}
