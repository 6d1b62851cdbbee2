package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.cspkit.partnercenter.testing.SamCredentials.CLIENT_SECRET;
import static org.cspkit.partnercenter.testing.SamCredentials.REFRESH_TOKEN;
import static org.cspkit.partnercenter.testing.SamCredentials.appOnly;
import static org.cspkit.partnercenter.testing.SamCredentials.appUser;

import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.cspkit.partnercenter.cli.ExitCode;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.TokenAcquisitionException;
import org.cspkit.partnercenter.testing.AllLogs;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.cspkit.partnercenter.testing.FakeEntraId;
import org.cspkit.partnercenter.testing.SamCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Entra ID answers 200 with the JSON cut off after the tokens. MSAL4J cannot parse it and quotes
 * the body in its exception; whatever the client keeps of that answer must have every token
 * masked, on every path: the exception (message, {@code toString()}, description, service error,
 * the whole stack trace), the token source's own exception, the span's exception event, every log
 * line, and the command line's text and {@code -o json} output.
 */
class CutOffTokenAnswerTest {
  static final String CUSTOMER_ID = ResponseMappingTest.CUSTOMER_ID;
  static final String CART_ID = ResponseMappingTest.CART_ID;
  /** An access token that is not a JWT, in a cut-off answer. */
  static final String OPAQUE_TOKEN = "opaque-access-token-Wm4Zt8";
  /** The start of a JWT, cut off before its signature. */
  static final String PARTIAL_JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2Fw";

  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  @RegisterExtension
  final AllLogs logs = new AllLogs();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final List<String> seen = new ArrayList<>();

  @Test
  void noTokenOfACutOffAnswerReachesAnExceptionASpanALogLineOrTheCommandLine() {
    FakeEntraId entraId = new FakeEntraId().cutOff();
    List<AccessTokenSource> sources = List.of(appOnly(entraId), appUser(entraId));
    for (AccessTokenSource source : sources) {
      PartnerCenterClient client = client(source);
      AuthenticationException e = catchThrowableOfType(
          AuthenticationException.class, () -> client.carts().checkout(CUSTOMER_ID, CART_ID));
      assertThat(e.statusCode()).isZero();
      assertThat(e.serviceError().orElseThrow().code()).isEqualTo("invalid_json");
      assertThat(e.errorDescription())
          .as("what MSAL4J said is kept, its tokens masked")
          .contains("Could not parse JSON")
          .contains("\"access_token\":\"****");
      record(e);
      Throwable async = catchThrowable(
          () -> client.carts().checkoutAsync(CUSTOMER_ID, CART_ID).join());
      record(async.getCause());
      TokenAcquisitionException direct =
          catchThrowableOfType(TokenAcquisitionException.class, source::getToken);
      record(direct);
      seen.add(direct.errorCode());
      seen.add(direct.errorDescription());
    }
    // Other cut-off answers: an opaque access token, and a JWT cut off before its signature.
    for (String body : List.of(
        "{\"token_type\":\"Bearer\",\"access_token\":\"" + OPAQUE_TOKEN + "\",\"expires_in\":35",
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + PARTIAL_JWT)) {
      AuthenticationException e = catchThrowableOfType(
          AuthenticationException.class,
          () -> client(appOnly(new FakeEntraId().answer(200, body)))
              .carts()
              .checkout(CUSTOMER_ID, CART_ID));
      record(e);
    }
    int text = cli(new FakeEntraId().cutOff());
    int json = cli(new FakeEntraId().cutOff(), "-o", "json");
    seen.addAll(spanTexts());
    seen.addAll(logs.texts());

    assertThat(text).isEqualTo(ExitCode.AUTHENTICATION.code());
    assertThat(json).isEqualTo(ExitCode.AUTHENTICATION.code());
    String everything = String.join("\n", seen);
    assertThat(everything)
        .as("the failures were driven and reported")
        .contains("\"serviceErrorDescription\": \"Could not parse JSON")
        .contains("exception.stacktrace=")
        .contains("refresh_token\":\"****")
        .contains("id_token\":\"****");
    for (String token : List.of(
        FakeEntraId.CUT_OFF_ACCESS_TOKEN,
        FakeEntraId.CUT_OFF_REFRESH_TOKEN,
        FakeEntraId.CUT_OFF_ID_TOKEN,
        OPAQUE_TOKEN,
        PARTIAL_JWT)) {
      for (String piece : token.split("\\.", -1)) {
        if (piece.length() >= 8) {
          assertThat(everything).as(piece).doesNotContain(piece);
        }
      }
    }
    assertThat(everything).doesNotContain(CLIENT_SECRET).doesNotContain(REFRESH_TOKEN);
    assertThat(server.getRequestCount()).isZero();
  }

  /** Everything an exception shows: message, {@code toString()}, the whole stack trace. */
  private void record(Throwable e) {
    assertThat(e).isNotNull();
    seen.add(String.valueOf(e.getMessage()));
    seen.add(e.toString());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    seen.add(trace.toString());
    if (e instanceof AuthenticationException authentication) {
      seen.add(String.valueOf(authentication.errorDescription()));
      seen.add(String.valueOf(authentication.serviceError()));
      seen.add(String.valueOf(authentication.details()));
    }
  }

  /** The name, status, attributes and event attributes of every span. */
  private static List<String> spanTexts() {
    List<String> texts = new ArrayList<>();
    for (SpanData span : OTEL.getSpans()) {
      texts.add(span.getName());
      texts.add(span.getStatus().getDescription());
      span.getAttributes().forEach((k, v) -> texts.add(k.getKey() + "=" + v));
      for (EventData event : span.getEvents()) {
        event.getAttributes().forEach((k, v) -> texts.add(k.getKey() + "=" + v));
      }
    }
    return texts;
  }

  private PartnerCenterClient client(AccessTokenSource source) {
    return ContractValidator.client()
        .baseUrl(server.url("/").toString())
        .accessTokenSource(source)
        .openTelemetry(OTEL.getOpenTelemetry())
        .build();
  }

  private int cli(FakeEntraId entraId, String... extra) {
    SamCredentials.CliRun run =
        SamCredentials.checkout(entraId, server.url("/").toString(), CUSTOMER_ID, CART_ID, extra);
    seen.add(run.out());
    seen.add(run.err());
    return run.exitCode();
  }
}
