package org.cspkit.partnercenter.bench;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.UUID;

/**
 * The start-up baseline: a minimal Java program that makes the same checkout call with the JDK's
 * HttpURLConnection and reads the body, using nothing but the JDK.
 */
public final class RawHttpCheckout {
  private RawHttpCheckout() {}

  public static void main(String[] args) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty(
        "Authorization", "Bearer " + System.getenv("PARTNER_CENTER_ACCESS_TOKEN"));
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("MS-RequestId", UUID.randomUUID().toString());
    connection.setRequestProperty("MS-CorrelationId", UUID.randomUUID().toString());
    connection.setFixedLengthStreamingMode(0);
    connection.getOutputStream().close();
    try (InputStream in = connection.getInputStream()) {
      System.out.println(connection.getResponseCode() + " " + in.readAllBytes().length + " bytes");
    }
  }
}
