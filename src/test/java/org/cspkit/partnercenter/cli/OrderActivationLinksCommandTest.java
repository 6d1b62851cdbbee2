package org.cspkit.partnercenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code partner-center order activation-links} against the shipped fake. */
class OrderActivationLinksCommandTest {
  private final FakePartnerCenter fake = FakePartnerCenter.start();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    fake.close();
  }

  private int run(String... extra) {
    String[] args = {
      "order",
      "activation-links",
      "--customer-id",
      TestData.CUSTOMER_ID,
      "--order-id",
      TestData.ORDER_ID,
      "--base-url",
      fake.baseUrl().toString()
    };
    String[] all = java.util.stream.Stream.concat(
            java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    return PartnerCenterCli.newCommandLine(
            Map.of(ClientCommand.DEFAULT_TOKEN_VARIABLE, "any-token"),
            new PrintWriter(out, true),
            new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void printsTheLinksAsATableAndAsJson() {
    assertThat(run("--line-item-number", "0"))
        .as(err.toString())
        .isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString())
        .contains("LINEITEMNUMBER", "LINK")
        .contains("https://saas.contoso.example/activate?token=8f2b");

    out.getBuffer().setLength(0);
    assertThat(run("--line-item-number", "0", "-o", "json")).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(out.toString()).contains("\"lineItemNumber\": 0", "\"uri\": \"https://saas");
  }

  @Test
  void aNegativeLineItemIsRefusedBeforeAnythingIsSent() {
    assertThat(run("--line-item-number", "-1")).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--line-item-number must be 0 or more");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theLineItemIsRequired() {
    assertThat(run()).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--line-item-number");
  }
}
