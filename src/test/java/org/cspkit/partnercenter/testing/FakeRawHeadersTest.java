package org.cspkit.partnercenter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header bytes no HTTP client sends: a request whose {@code MS-RequestId} or {@code
 * MS-CorrelationId} is not ASCII (OkHttp refuses to send it, so the request is written on a raw
 * socket, in UTF-8) gets an answer, 400 with code 800002 as for any header that is not the GUID
 * the spec asks for, and creates nothing. The connection never dies without an answer.
 */
class FakeRawHeadersTest {
  private static final String BODY = "{\"lineItems\":[{\"id\":0,"
      + "\"catalogItemId\":\"CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5\",\"quantity\":1,"
      + "\"billingCycle\":\"monthly\",\"termDuration\":\"P1Y\"}]}";

  FakePartnerCenter fake;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MS-RequestId", "MS-CorrelationId"})
  void aNonAsciiIdHeaderGets400AndCreatesNothing(String header) throws IOException {
    String answer = exchange(header + ": réquest-é\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer).contains("\"code\":800002").contains(header);
    assertThat(fake.carts()).isEmpty();
    assertThat(fake.requests()).singleElement().satisfies(request -> {
      assertThat(request.status()).isEqualTo(400);
      assertThat(request.requestId() + " " + request.correlationId()).contains("réquest-é");
    });
  }

  /** Sends a createCart request with {@code extraHeaders} and reads the whole answer. */
  private String exchange(String extraHeaders) throws IOException {
    URI base = URI.create(fake.baseUrl());
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    String head = "POST /v1/customers/" + TestData.CUSTOMER_ID + "/carts HTTP/1.1\r\n"
        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
        + "Authorization: Bearer any-token\r\n"
        + "Content-Type: application/json; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n"
        + extraHeaders
        + "\r\n";
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      // A safety net against a hang, not a timed assertion: the answer comes at once.
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return readAnswer(socket.getInputStream());
    }
  }

  /**
   * The status line, headers and body of one answer (its {@code Content-Length} bytes), or what
   * arrived before the connection closed.
   */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    int contentLength = -1;
    int headEnd = -1;
    int next;
    while ((next = in.read()) != -1) {
      answer.write(next);
      String soFar = answer.toString(StandardCharsets.UTF_8);
      if (headEnd < 0 && soFar.endsWith("\r\n\r\n")) {
        headEnd = answer.size();
        for (String line : soFar.split("\r\n", -1)) {
          if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headEnd >= 0 && answer.size() - headEnd >= Math.max(contentLength, 0)) {
        break;
      }
    }
    return answer.toString(StandardCharsets.UTF_8);
  }
}
