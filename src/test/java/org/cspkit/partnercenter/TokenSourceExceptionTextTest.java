package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.testing.AllLogs;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client does with the text of an exception the caller's own token source throws
 * (documented on {@link AccessTokenSource}): it never copies it. The cause keeps the class name,
 * the AADSTS codes and the stack trace of each exception of the chain, and nothing of its message
 * reaches the exception, the span's exception event or a log line, whatever secret it quoted. A
 * {@link TokenAcquisitionException}'s code and description are kept, with token shapes masked.
 */
class TokenSourceExceptionTextTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  static final String JWT = FakeEntraId.CUT_OFF_ACCESS_TOKEN;
  /** A secret of the caller's that the client never saw, and that looks like no token. */
  static final String CALLERS_SECRET = "vault-lease-Hq27xPz";

  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @RegisterExtension
  final AllLogs logs = new AllLogs();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .openTelemetry(OTEL.getOpenTelemetry())
        .build();
  }

  @Test
  void aCallersExceptionTextIsNeverCopiedButItsClassAndAadstsCodesAre() {
    AccessTokenSource leaky = () -> {
      throw new IllegalStateException(
          "AADSTS7000215: token " + JWT + " refused; lease " + CALLERS_SECRET,
          new UncheckedIOException(new IOException("vault said " + CALLERS_SECRET)));
    };
    PartnerCenterClient client = client(leaky);

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
    Throwable async =
        catchThrowable(() -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());

    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage())
        .startsWith("Could not obtain a Partner Center access token: the access token source"
            + " failed: java.lang.IllegalStateException (AADSTS7000215); nothing was sent");
    assertThat(e.getCause())
        .hasMessage("java.lang.IllegalStateException (message withheld; it named AADSTS7000215)");
    assertThat(e.getCause().getStackTrace()).isNotEmpty();
    assertThat(e.getCause().getCause())
        .hasMessage("java.io.UncheckedIOException (message withheld)")
        .hasCauseInstanceOf(RuntimeException.class);
    assertThat(e.getCause().getCause().getCause())
        .hasMessage("java.io.IOException (message withheld)");
    List<String> seen = new ArrayList<>(texts(e));
    seen.addAll(texts(async.getCause()));
    seen.addAll(spanTexts());
    seen.addAll(logs.texts());
    assertThat(String.join("\n", seen))
        .contains("exception.stacktrace=")
        .doesNotContain(CALLERS_SECRET)
        .doesNotContain("refused")
        .doesNotContain(JWT.substring(0, 20))
        .doesNotContain(JWT.substring(JWT.lastIndexOf('.') + 1));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCallersTokenAcquisitionExceptionKeepsItsCodeAndDescriptionWithTokensMasked() {
    AccessTokenSource source = () -> {
      throw new TokenAcquisitionException(
          "AADSTS700082",
          "AADSTS700082: The refresh token has expired; the answer was {\"access_token\":\""
              + "opaque-Tq9\"} and " + JWT,
          null);
    };

    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class, () -> client(source).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.serviceError().orElseThrow().code()).isEqualTo("AADSTS700082");
    assertThat(e.errorDescription())
        .isEqualTo("AADSTS700082: The refresh token has expired; the answer was"
            + " {\"access_token\":\"****\"} and ****");
    List<String> seen = new ArrayList<>(texts(e));
    seen.addAll(spanTexts());
    seen.addAll(logs.texts());
    assertThat(String.join("\n", seen))
        .contains("The refresh token has expired")
        .doesNotContain("opaque-Tq9")
        .doesNotContain(JWT.substring(0, 20))
        .doesNotContain(JWT.substring(JWT.lastIndexOf('.') + 1));
  }

  @Test
  void aSourceReturningNullIsSaidSoInTheMessage() {
    AuthenticationException e = catchThrowableOfType(
        AuthenticationException.class,
        () -> client(() -> null).carts().checkout(CUSTOMER_ID, CART_ID));

    assertThat(e.getMessage())
        .startsWith("Could not obtain a Partner Center access token: the access token source"
            + " returned null; nothing was sent");
  }

  private static List<String> texts(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    List<String> texts =
        new ArrayList<>(List.of(String.valueOf(e.getMessage()), e.toString(), trace.toString()));
    if (e instanceof AuthenticationException authentication) {
      texts.add(String.valueOf(authentication.serviceError()));
    }
    return texts;
  }

  private static List<String> spanTexts() {
    List<String> texts = new ArrayList<>();
    for (SpanData span : OTEL.getSpans()) {
      texts.add(span.getStatus().getDescription());
      span.getAttributes().forEach((k, v) -> texts.add(k.getKey() + "=" + v));
      for (EventData event : span.getEvents()) {
        event.getAttributes().forEach((k, v) -> texts.add(k.getKey() + "=" + v));
      }
    }
    return texts;
  }
}
