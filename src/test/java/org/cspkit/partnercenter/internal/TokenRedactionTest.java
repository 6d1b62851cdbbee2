package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Token values and JWT-looking strings masked without knowing them, in each spelling. */
class TokenRedactionTest {
  static final String JWT = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJwYyJ9.c2lnbmF0dXJl";

  @Test
  void masksEveryTokenFieldsValueInJsonFormQueryAndKeyValueSpellings() {
    List<String[]> cases = List.of(
        new String[] {
          "{\"access_token\":\"opaque-1\",\"x\":1}", "{\"access_token\":\"****\",\"x\":1}"
        },
        new String[] {"{\"refresh_token\" : \"0.AQ-abc\"", "{\"refresh_token\" : \"****\""},
        new String[] {"{\\\"id_token\\\":\\\"opaque-2\\\"}", "{\\\"id_token\\\":\\\"****\\\"}"},
        new String[] {
          "grant_type=x&refresh_token=0.AQ%2Bx&y=1", "grant_type=x&refresh_token=****&y=1"
        },
        new String[] {"%7B%22access_token%22%3A%22opaque-3", "%7B%22access_token%22%3A%22****"},
        new String[] {"Access_Token: opaque-4 rest", "Access_Token: **** rest"},
        new String[] {"{\"access_token\":\"cut-off-val", "{\"access_token\":\"****"});
    for (String[] c : cases) {
      assertThat(TokenRedaction.scrub(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void masksJwtsWholeOrCutOffAndLeavesOtherTextAlone() {
    assertThat(TokenRedaction.scrub("Bearer " + JWT + " was refused"))
        .isEqualTo("Bearer **** was refused");
    assertThat(TokenRedaction.scrub("start " + JWT.substring(0, 30))).isEqualTo("start ****");
    String plain = "AADSTS70008: The refresh token has expired. Trace ID: 0b1c2d3e-0000";
    assertThat(TokenRedaction.scrub(plain)).isSameAs(plain);
    assertThat(TokenRedaction.scrub((String) null)).isNull();
  }

  @Test
  void aWithheldChainKeepsClassNamesAadstsCodesAndStackTracesOnly() {
    IllegalStateException failure = new IllegalStateException(
        "AADSTS50076: need MFA, token " + JWT, new RuntimeException("secret-xyz"));

    Throwable withheld = TokenRedaction.withheld(failure);

    assertThat(withheld)
        .hasMessage("java.lang.IllegalStateException (message withheld; it named AADSTS50076)")
        .hasToString("java.lang.IllegalStateException (message withheld; it named AADSTS50076)");
    assertThat(withheld.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(withheld.getCause()).hasMessage("java.lang.RuntimeException (message withheld)");
    assertThat(TokenRedaction.aadstsCodes(failure)).containsExactly("AADSTS50076");
  }
}
