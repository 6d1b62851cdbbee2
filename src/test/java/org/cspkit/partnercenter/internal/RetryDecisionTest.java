package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import org.cspkit.partnercenter.AccessToken;
import org.cspkit.partnercenter.RetryOptions;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.ErrorDetails;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.TransportException;
import org.cspkit.partnercenter.model.ApiFault;
import org.junit.jupiter.api.Test;

/** The retry decision after a failed attempt: the stage that says whether another follows. */
class RetryDecisionTest {
  private static final long PLENTY = TimeUnit.SECONDS.toNanos(60);
  private static final RetryOptions OPTIONS = RetryOptions.builder()
      .initialDelay(Duration.ofMillis(100))
      .maxDelay(Duration.ofSeconds(2))
      .deadline(Duration.ofSeconds(60))
      .build();

  private final AtomicInteger issued = new AtomicInteger();
  private final TokenCache tokens = new TokenCache(
      () -> AccessToken.of("token-" + issued.incrementAndGet()), Duration.ZERO, Clock.systemUTC());

  @Test
  void aRetryableStatusWaitsItsRetryAfter() {
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, tokens);
    Duration delay =
        retry.nextDelay(status(503), Headers.of("Retry-After", "7"), token(), 1, PLENTY, null);
    assertThat(delay).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void noResponseBacksOffWithinTheMaximum() {
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, tokens);
    Duration delay = retry.nextDelay(noResponse(), null, token(), 3, PLENTY, null);
    assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aFailureThatIsNotRetryableEndsTheCall() {
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, tokens);
    assertThat(retry.nextDelay(status(400), Headers.of(), token(), 1, PLENTY, null))
        .isNull();
    assertThat(retry.nextDelay(status(409), Headers.of(), token(), 1, PLENTY, null))
        .isNull();
  }

  @Test
  void theOperationsRulesAddRetries() {
    RetryDecision checkout = new RetryDecision(OPTIONS, CheckoutRules.INSTANCE, tokens);
    PartnerCenterException busy = new ConflictException(details(409, "800064"));
    assertThat(checkout.nextDelay(busy, Headers.of(), token(), 1, PLENTY, null)).isNotNull();
  }

  @Test
  void a401IsReplayedOnceAtOnceWithAFreshToken() {
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, tokens);
    AccessToken first = token();
    assertThat(retry.nextDelay(status(401), Headers.of(), first, 1, PLENTY, null))
        .isEqualTo(Duration.ZERO);
    assertThat(retry.nextDelay(status(401), Headers.of(), token(), 2, PLENTY, null))
        .isNull();
  }

  @Test
  void a401IsNotReplayedWhenTheSourceHasNoOtherToken() {
    TokenCache same =
        new TokenCache(() -> AccessToken.of("same"), Duration.ZERO, Clock.systemUTC());
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, same);
    AccessToken token = token(same);
    assertThat(retry.nextDelay(status(401), Headers.of(), token, 1, PLENTY, null))
        .isNull();
  }

  @Test
  void noAttemptIsPlannedThatWouldStartTooCloseToTheDeadline() {
    RetryDecision retry = new RetryDecision(OPTIONS, OperationRules.GENERIC, tokens);
    long left = TimeUnit.SECONDS.toNanos(5);
    assertThat(retry.nextDelay(status(429), Headers.of("Retry-After", "5"), token(), 1, left, null))
        .isNull();
    assertThat(retry.nextDelay(status(429), Headers.of("Retry-After", "3"), token(), 1, left, null))
        .isEqualTo(Duration.ofSeconds(3));
  }

  private AccessToken token() {
    return token(tokens);
  }

  private static AccessToken token(TokenCache cache) {
    try {
      return cache.get(PLENTY, null);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static PartnerCenterException status(int status) {
    ErrorDetails details = details(status, null);
    return switch (status) {
      case 400 -> new BadRequestException(details);
      case 401 -> new AuthenticationException(details);
      case 409 -> new ConflictException(details);
      default ->
        status >= 500 ? new ServerErrorException(details) : new PartnerCenterException(details);
    };
  }

  private static TransportException noResponse() {
    return new TransportException("reset", ErrorDetails.noResponse("r", "c"), null);
  }

  private static ErrorDetails details(int status, String code) {
    ApiFault fault = code == null
        ? null
        : new ApiFault(code, "description", java.util.List.of(), "Partner Center", null);
    return new ErrorDetails(status, fault, "r", "c", null);
  }
}
