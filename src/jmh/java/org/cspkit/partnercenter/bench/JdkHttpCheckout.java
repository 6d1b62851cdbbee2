package org.cspkit.partnercenter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * The second start-up baseline: the checkout call as a user writing it by hand today would make
 * it, with {@code java.net.http.HttpClient} (JDK only), reading the body as bytes.
 */
public final class JdkHttpCheckout {
  private JdkHttpCheckout() {}

  public static void main(String[] args) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))
        .header("Authorization", "Bearer " + System.getenv("PARTNER_CENTER_ACCESS_TOKEN"))
        .header("Accept", "application/json")
        .header("MS-RequestId", UUID.randomUUID().toString())
        .header("MS-CorrelationId", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    System.out.println(response.statusCode() + " " + response.body().length + " bytes");
  }
}
