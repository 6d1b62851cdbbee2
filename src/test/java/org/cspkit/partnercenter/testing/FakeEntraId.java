package org.cspkit.partnercenter.testing;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entra ID's token endpoint and instance discovery, as MSAL4J's {@link IHttpClient} sees them,
 * with no network: every token request gets a new access token ({@code access-token-1}, …) and, for
 * refresh-token grants, a new refresh token ({@code rotated-refresh-token-1}, …), unless a failure
 * or another answer was set (an OAuth error such as the sign-in-again codes AADSTS50076 and
 * AADSTS50078 or {@code invalid_grant} with {@link #failWith}, a 200 cut off with {@link #cutOff},
 * any status and body with {@link #answer}). A failure may echo the posted form back, as a misbehaving authority or proxy might,
 * to check that no secret in it gets out. Thread-safe.
 */
public final class FakeEntraId implements IHttpClient {
  private final List<HttpRequest> tokenRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile Failure failure;
  private volatile Raw raw;
  private volatile boolean cutOff;
  private volatile long delayMillis;
  private volatile long expiresInSeconds = 3599;

  /**
   * An error response from the token endpoint, or a network failure when status is 0; with {@code
   * echo}, the posted form goes into {@code error} and after {@code description}, or with {@code
   * thrown} into an exception's message.
   */
  private record Failure(
      int status, String error, String description, int errorCode, boolean echo, boolean thrown) {
    Failure(int status, String error, String description, int errorCode) {
      this(status, error, description, errorCode, false, false);
    }
  }

  /** A JWT-looking access token (header, payload, signature), as a cut-off answer carries it. */
  public static final String CUT_OFF_ACCESS_TOKEN = base64Url("{\"typ\":\"JWT\",\"alg\":\"RS256\"}")
      + "." + base64Url("{\"aud\":\"https://api.partnercenter.microsoft.com\",\"oid\":\"cut-off\"}")
      + ".c2lnbmF0dXJlLW9mLXRoZS1jdXQtb2ZmLWFjY2Vzcy10b2tlbg";

  /** The refresh token a cut-off answer to a refresh-token grant carries. */
  public static final String CUT_OFF_REFRESH_TOKEN = "0.AQ-cut-off-refresh-token-Vq3sL9";

  /** The ID token a cut-off answer to a refresh-token grant carries. */
  public static final String CUT_OFF_ID_TOKEN = base64Url("{\"typ\":\"JWT\",\"alg\":\"RS256\"}")
      + "." + base64Url("{\"preferred_username\":\"admin@contoso.onmicrosoft.com\"}")
      + ".aWQtdG9rZW4tc2lnbmF0dXJlLWN1dC1vZmY";

  /** A token endpoint answer given as it is: status and body. */
  private record Raw(int status, String body) {}

  /**
   * Token requests are answered 200 with the JSON cut off from now on, as a proxy or a broken
   * connection may leave it: an object with {@code access_token} (a JWT), {@code token_type} and
   * {@code expires_in} and no closing brace; for a refresh-token grant, {@code refresh_token} and
   * {@code id_token} come first. The tokens are {@link #CUT_OFF_ACCESS_TOKEN}, {@link
   * #CUT_OFF_REFRESH_TOKEN} and {@link #CUT_OFF_ID_TOKEN}.
   */
  public FakeEntraId cutOff() {
    this.cutOff = true;
    return this;
  }

  /**
   * The token endpoint answers every token request with this status and body from now on, such
   * as a 200 whose JSON was cut off after the access token.
   *
   * @param status the HTTP status
   * @param body the body, as sent
   */
  public FakeEntraId answer(int status, String body) {
    this.raw = new Raw(status, body);
    return this;
  }

  /** The token endpoint answers with an OAuth error from now on. */
  public FakeEntraId failWith(int status, String error, int aadstsCode, String description) {
    this.failure = new Failure(
        status,
        error,
        "AADSTS" + aadstsCode + ": " + description
            + " Trace ID: 0b1c2d3e-0000-4000-8000-000000000001 Correlation ID:"
            + " 0b1c2d3e-0000-4000-8000-000000000002 Timestamp: 2026-11-22 04:00:00Z",
        aadstsCode);
    return this;
  }

  /**
   * The token endpoint answers with an error that echoes the posted form (client ID, client
   * secret, refresh token, all form-encoded) from now on: {@code {"error":"<form>",
   * "error_description":"<description> <form>"}}.
   *
   * @param status the HTTP status, such as 400 or 401
   * @param description what comes before the echo in {@code error_description}, such as {@code
   *     AADSTS7000215: Invalid client secret provided. Request:}
   */
  public FakeEntraId echoForm(int status, String description) {
    this.failure = new Failure(status, null, description, 0, true, false);
    return this;
  }

  /**
   * Token requests fail from now on with an exception that quotes the posted form, as an HTTP
   * client that reports a failed call with its request might.
   */
  public FakeEntraId echoFormInException() {
    this.failure = new Failure(400, null, null, 0, true, true);
    return this;
  }

  /** Every request to Entra ID fails as if the network were down. */
  public FakeEntraId networkFailure() {
    this.failure = new Failure(0, null, null, 0);
    return this;
  }

  /** Token requests take this long, to make concurrent callers overlap. */
  public FakeEntraId delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Issued access tokens expire after this many seconds. */
  public FakeEntraId expiresIn(long seconds) {
    this.expiresInSeconds = seconds;
    return this;
  }

  /** The token requests received, in order. */
  public List<HttpRequest> tokenRequests() {
    return tokenRequests;
  }

  /** The form fields of a token request. */
  public static Map<String, String> form(HttpRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : request.body().split("&", -1)) {
      String[] keyValue = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8),
          keyValue.length > 1 ? URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8) : "");
    }
    return fields;
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws Exception {
    Failure current = failure;
    if (current != null && current.status() == 0) {
      throw new IOException("Connection refused: " + request.url().getHost());
    }
    String path = request.url().getPath();
    if (path.endsWith("/discovery/instance")) {
      String host = request.url().getHost();
      return response(
          200,
          "{\"tenant_discovery_endpoint\":\"https://" + host
              + "/common/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\","
              + "\"metadata\":[{\"preferred_network\":\"" + host + "\",\"preferred_cache\":\""
              + host
              + "\",\"aliases\":[\"" + host + "\"]}]}");
    }
    if (!path.endsWith("/oauth2/v2.0/token")) {
      return response(404, "{\"error\":\"not_found\",\"error_description\":\"" + path + "\"}");
    }
    tokenRequests.add(request);
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    Raw answer = raw;
    if (answer != null) {
      return response(answer.status(), answer.body());
    }
    if (cutOff) {
      String refresh = "refresh_token".equals(form(request).get("grant_type"))
          ? "\"refresh_token\":\"" + CUT_OFF_REFRESH_TOKEN + "\",\"id_token\":\"" + CUT_OFF_ID_TOKEN
              + "\","
          : "";
      return response(
          200,
          "{" + refresh + "\"access_token\":\"" + CUT_OFF_ACCESS_TOKEN
              + "\",\"token_type\":\"Bearer\",\"expires_in\":3599");
    }
    if (current != null && current.thrown()) {
      throw new IOException("POST " + request.url() + " failed with " + current.status()
          + "; request body: " + request.body());
    }
    if (current != null && current.echo()) {
      String form = json(request.body());
      return response(
          current.status(),
          "{\"error\":\"" + form + "\",\"error_description\":\"" + json(current.description()) + " "
              + form + "\"}");
    }
    if (current != null) {
      return response(
          current.status(),
          "{\"error\":\"" + current.error()
              + "\",\"error_description\":\"" + current.description() + "\",\"error_codes\":["
              + current.errorCode() + "],\"trace_id\":\"0b1c2d3e-0000-4000-8000-000000000001\","
              + "\"correlation_id\":\"0b1c2d3e-0000-4000-8000-000000000002\"}");
    }
    int n = issued.incrementAndGet();
    Map<String, String> form = form(request);
    StringBuilder body = new StringBuilder("{\"token_type\":\"Bearer\",\"expires_in\":")
        .append(expiresInSeconds)
        .append(",\"ext_expires_in\":")
        .append(expiresInSeconds)
        .append(",\"access_token\":\"access-token-")
        .append(n)
        .append('"');
    if ("refresh_token".equals(form.get("grant_type"))) {
      String tenant = "6e0a1e8c-0000-4000-8000-00000000c5d1";
      String user = "5b7ef3a2-0000-4000-8000-0000000a11ce";
      body.append(",\"scope\":\"")
          .append(form.get("scope"))
          .append('"')
          .append(",\"refresh_token\":\"rotated-refresh-token-")
          .append(n)
          .append('"')
          .append(",\"client_info\":\"")
          .append(base64Url("{\"uid\":\"" + user + "\",\"utid\":\"" + tenant + "\"}"))
          .append('"')
          .append(",\"id_token\":\"")
          .append(idToken(form.get("client_id"), tenant, user))
          .append('"');
    }
    return response(200, body.append('}').toString());
  }

  private static String idToken(String clientId, String tenant, String user) {
    long now = Instant.now().getEpochSecond();
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
        + base64Url("{\"aud\":\""
            + clientId + "\",\"iss\":\"https://login.microsoftonline.com/" + tenant + "/v2.0\","
            + "\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 3600) + ",\"oid\":\""
            + user
            + "\",\"sub\":\"" + user + "\",\"tid\":\"" + tenant + "\","
            + "\"preferred_username\":\"admin@contoso.onmicrosoft.com\",\"ver\":\"2.0\"}")
        + ".";
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static IHttpResponse response(int status, String body) {
    return new IHttpResponse() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public Map<String, List<String>> headers() {
        return Map.of("Content-Type", List.of("application/json; charset=utf-8"));
      }

      @Override
      public String body() {
        return body;
      }
    };
  }
}
