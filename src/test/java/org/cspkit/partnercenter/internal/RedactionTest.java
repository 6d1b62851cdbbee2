package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known secrets masked in every spelling a peer may echo them in. */
class RedactionTest {
  static final String SECRET = "s3cr3t+/=Value~x y";

  @Test
  void masksTheRawFormEncodedAndPercentEncodedSpellings() {
    String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    List<String> spellings = List.of(
        SECRET,
        form, // s3cr3t%2B%2F%3DValue%7Ex+y
        form.replace("+", "%20"), // a space as %20
        "s3cr3t%2b%2f%3dValue%7ex+y", // .NET: lower-case hex
        "s3cr3t%2B%2F%3DValue~x%20y", // RFC 3986: ~ left alone
        "s3cr3t%252B%252F%253DValue%257Ex%2By", // encoded twice
        "s3cr3t\\u002b\\/\\u003DValue~x y"); // JSON-escaped
    for (String spelling : spellings) {
      assertThat(Redaction.scrub("client_secret=" + spelling + "&grant_type=x", List.of(SECRET)))
          .as(spelling)
          .isEqualTo("client_secret=****&grant_type=x");
    }
  }

  @Test
  void leavesOtherTextShortSecretsAndNullsAlone() {
    assertThat(Redaction.scrub("AADSTS7000215: bad", List.of(SECRET)))
        .isEqualTo("AADSTS7000215: bad");
    assertThat(Redaction.scrub("abc abc", List.of("abc"))).isEqualTo("abc abc");
    assertThat(Redaction.scrub((String) null, List.of(SECRET))).isNull();
    assertThat(Redaction.scrub("x", Arrays.asList((String) null))).isEqualTo("x");
  }

  @Test
  void theLongerOfTwoOverlappingSecretsIsMaskedWhole() {
    assertThat(Redaction.scrub("token=abcd-efgh-ijkl", List.of("abcd", "abcd-efgh-ijkl")))
        .isEqualTo("token=****");
  }

  @Test
  void eachCallIsScrubbedWithItsOwnSecretsWhenTheyChangeBetweenCalls() {
    // A refreshed token replaces the previous one: the old one is no longer searched for, the
    // new one is, and going back finds the first again.
    String both = "first=token-one-1234 second=token-two-5678";
    assertThat(Redaction.scrub(both, List.of("token-one-1234")))
        .isEqualTo("first=**** second=token-two-5678");
    assertThat(Redaction.scrub(both, List.of("token-two-5678")))
        .isEqualTo("first=token-one-1234 second=****");
    assertThat(Redaction.scrub(both, List.of("token-one-1234", "token-two-5678")))
        .isEqualTo("first=**** second=****");
    assertThat(Redaction.scrub(both, List.of("token-one-1234")))
        .isEqualTo("first=**** second=token-two-5678");
  }

  @Test
  void aTextShorterThanEverySecretIsReturnedAsItIsAndOneAsLongIsMasked() {
    String cv = "bench.1";
    assertThat(Redaction.scrub(cv, List.of("a-much-longer-secret"))).isSameAs(cv);
    assertThat(Redaction.scrub("secret-1", List.of("secret-1", "a-much-longer-secret")))
        .isEqualTo(Redaction.MASK);
  }

  @Test
  void anExceptionChainWithoutSecretsIsReturnedAsItIs() {
    IOException failure = new IOException("connection reset", new IllegalStateException("x"));

    assertThat(Redaction.scrub(failure, List.of(SECRET))).isSameAs(failure);
  }

  @Test
  void aLeakingChainIsCopiedWithClassNamesMaskedMessagesAndStackTraces() {
    IllegalStateException root = new IllegalStateException(
        "body: client_secret=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    IOException failure = new IOException("request failed", root);
    failure.addSuppressed(new RuntimeException("also " + SECRET));

    Throwable copy = Redaction.scrub(failure, List.of(SECRET));

    assertThat(copy)
        .isInstanceOf(Redaction.RedactedException.class)
        .hasToString("java.io.IOException: request failed");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(copy.getCause())
        .hasToString("java.lang.IllegalStateException: body: client_secret=****");
    assertThat(copy.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
    assertThat(copy.getSuppressed())
        .singleElement()
        .hasToString("java.lang.RuntimeException: also ****");
  }
}
