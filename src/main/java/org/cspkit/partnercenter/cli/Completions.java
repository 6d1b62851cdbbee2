package org.cspkit.partnercenter.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.cspkit.partnercenter.model.BillingCycleType;

/** The values shell completion offers for the options that take one of a few. */
final class Completions {
  private Completions() {}

  /** {@code --cloud}: the clouds' names. */
  static final class Clouds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("global", "us-government", "china").iterator();
    }
  }

  /** {@code -o}: the output formats. */
  static final class Outputs implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (OutputOptions.Format output : OutputOptions.Format.values()) {
        names.add(output.name());
      }
      return names.iterator();
    }
  }

  /** {@code --billing-cycle} and an item's {@code billing=}: the billing cycles one can buy. */
  static final class BillingCycles implements Iterable<String> {
    /** The known billing cycles but {@code unknown}, as sent on the wire. */
    static final List<String> NAMES = BillingCycleType.knownValues().stream()
        .filter(cycle -> !cycle.equals(BillingCycleType.UNKNOWN))
        .map(BillingCycleType::value)
        .toList();

    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
