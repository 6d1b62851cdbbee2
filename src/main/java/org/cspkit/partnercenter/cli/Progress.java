package org.cspkit.partnercenter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.cspkit.partnercenter.AttemptListener;
import org.cspkit.partnercenter.model.OrderLineItemProvisioningStatus;
import org.cspkit.partnercenter.model.OrderProvisioningStatusCollection;

/**
 * Progress lines on standard error, never on standard output: one per failed attempt and the wait
 * before the next, and while {@code --wait} polls an order, one per poll with what is still
 * pending and the time waited, and one per line item whose status changed. Shown on a terminal
 * or with {@code PARTNER_CENTER_PROGRESS=1}; {@code --quiet} turns them off.
 */
final class Progress {
  private Progress() {}

  /** One line per failed attempt, with the wait before the next one. */
  static AttemptListener attemptLines(PrintWriter err) {
    return (attempt, maxAttempts, retryIn) -> {
      err.println(TerminalText.safe("attempt " + attempt.number() + " of " + maxAttempts + ": "
          + attempt.outcome()
          + retryIn.map(wait -> "; retrying in " + seconds(wait)).orElse("")));
      err.flush();
    };
  }

  /**
   * The lines of a wait for an order's provisioning, as a poll listener.
   *
   * @param err standard error
   * @param orderId the order
   * @param nanoTime the clock the time waited is read from ({@link System#nanoTime})
   * @return the listener; called on the polling thread
   */
  static Consumer<OrderProvisioningStatusCollection> waitLines(
      PrintWriter err, String orderId, LongSupplier nanoTime) {
    long start = nanoTime.getAsLong();
    Map<Integer, String> seen = new LinkedHashMap<>();
    return statuses -> {
      synchronized (seen) {
        for (OrderLineItemProvisioningStatus line : statuses.items()) {
          Integer number = line.lineItemNumber();
          String status = line.status() == null ? "-" : line.status().value();
          String before = seen.put(number, status);
          if (before != null && !before.equals(status)) {
            err.println(TerminalText.safe(
                "order " + orderId + ", line " + number + ": " + before + " -> " + status));
          }
        }
        long pending = statuses.items().stream()
            .filter(OrderLineItemProvisioningStatus::isPending)
            .count();
        String waited = seconds(Duration.ofNanos(nanoTime.getAsLong() - start));
        err.println(TerminalText.safe("order " + orderId + ": "
            + (pending == 0
                ? "no line item pending after " + waited
                : pending + " of " + statuses.items().size() + " line item(s) pending after "
                    + waited)));
        err.flush();
      }
    };
  }

  /** A duration as people read it: 250 ms, 2 s, 1.5 s, 2 min 5 s. */
  static String seconds(Duration wait) {
    long millis = wait.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis >= 60_000) {
      long seconds = millis / 1000;
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
