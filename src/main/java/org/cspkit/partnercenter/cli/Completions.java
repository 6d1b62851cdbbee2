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
      for (ClientCommand.Output output : ClientCommand.Output.values()) {
        names.add(output.name());
      }
      return names.iterator();
    }
  }

  /** {@code --billing-cycle} and an item's {@code billing=}: the billing cycles one can buy. */
  static final class BillingCycles implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }

    /** The known billing cycles but {@code unknown}, as sent on the wire. */
    static List<String> names() {
      List<String> names = new ArrayList<>();
      for (BillingCycleType cycle : BillingCycleType.knownValues()) {
        if (!cycle.equals(BillingCycleType.UNKNOWN)) {
          names.add(cycle.value());
        }
      }
      return names;
    }
  }
}
