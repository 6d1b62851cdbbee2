package org.cspkit.partnercenter.internal;

import java.time.Duration;
import org.cspkit.partnercenter.PartnerCenterResponse;
import org.cspkit.partnercenter.exception.PartnerCenterException;

/**
 * What one attempt ended in: a result, or a failure and whether another attempt follows after
 * {@code delay}. The retry policy of the call only counts attempts and waits the delay.
 *
 * @param result the decoded result and its response, or null
 * @param failure the attempt's failure, or null
 * @param retryable whether another attempt follows
 * @param delay the wait before it, or null
 */
record AttemptOutcome(
    PartnerCenterResponse<?> result,
    PartnerCenterException failure,
    boolean retryable,
    Duration delay) {
  static AttemptOutcome last(PartnerCenterException failure) {
    return new AttemptOutcome(null, failure, false, null);
  }

  static AttemptOutcome succeeded(PartnerCenterResponse<?> result) {
    return new AttemptOutcome(result, null, false, null);
  }
}
