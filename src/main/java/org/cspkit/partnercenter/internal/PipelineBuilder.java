package org.cspkit.partnercenter.internal;

import com.squareup.moshi.Moshi;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.cspkit.partnercenter.RetryOptions;

/**
 * The parts and settings of a {@link Pipeline}, by name; every one is required but the
 * application name. Not thread-safe; used once, by the client's constructor.
 */
public final class PipelineBuilder {
  OkHttpClient.Builder http;
  boolean ownsHttpClient;
  String userAgent;
  TokenCache tokens;
  ResponseHandler responses;
  Telemetry telemetry;
  Duration callTimeout;
  RetryOptions retryOptions;
  int maxAsyncConcurrency;
  HttpUrl baseUrl;
  Moshi moshi;
  String localeTag;
  String applicationName;

  PipelineBuilder() {}

  /**
   * The HTTP client's settings.
   *
   * @param http a new builder, or one derived from the caller's client
   * @param owned whether its threads and connections are the client's own, released on close
   * @return this builder
   */
  public PipelineBuilder http(OkHttpClient.Builder http, boolean owned) {
    this.http = http;
    this.ownsHttpClient = owned;
    return this;
  }

  /**
   * Sets the userAgent.
   *
   * @param userAgent the {@code User-Agent} to send
   * @return this builder
   */
  public PipelineBuilder userAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }

  /**
   * Sets the tokens.
   *
   * @param tokens the token cache; its owner closes it
   * @return this builder
   */
  public PipelineBuilder tokens(TokenCache tokens) {
    this.tokens = tokens;
    return this;
  }

  /**
   * Sets the responses.
   *
   * @param responses turns responses into results and exceptions
   * @return this builder
   */
  public PipelineBuilder responses(ResponseHandler responses) {
    this.responses = responses;
    return this;
  }

  /**
   * Sets the telemetry.
   *
   * @param telemetry the spans and metrics of calls and attempts
   * @return this builder
   */
  public PipelineBuilder telemetry(Telemetry telemetry) {
    this.telemetry = telemetry;
    return this;
  }

  /**
   * Sets the callTimeout.
   *
   * @param callTimeout the limit on one attempt (0: none), further cut at the deadline
   * @return this builder
   */
  public PipelineBuilder callTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
    return this;
  }

  /**
   * Sets the retryOptions.
   *
   * @param retryOptions the client's retry options
   * @return this builder
   */
  public PipelineBuilder retryOptions(RetryOptions retryOptions) {
    this.retryOptions = retryOptions;
    return this;
  }

  /**
   * Sets the maxAsyncConcurrency.
   *
   * @param maxAsyncConcurrency the most attempts of asynchronous calls in flight at once
   * @return this builder
   */
  public PipelineBuilder maxAsyncConcurrency(int maxAsyncConcurrency) {
    this.maxAsyncConcurrency = maxAsyncConcurrency;
    return this;
  }

  /**
   * The service and the bodies.
   *
   * @param baseUrl the service's base URL, ending in {@code /}
   * @param moshi the Moshi instance of request and response bodies
   * @return this builder
   */
  public PipelineBuilder service(HttpUrl baseUrl, Moshi moshi) {
    this.baseUrl = baseUrl;
    this.moshi = moshi;
    return this;
  }

  /**
   * The standard headers of the client.
   *
   * @param localeTag the {@code X-Locale} to send
   * @param applicationName the {@code MS-PartnerCenter-Application} to send, or null
   * @return this builder
   */
  public PipelineBuilder headers(String localeTag, String applicationName) {
    this.localeTag = localeTag;
    this.applicationName = applicationName;
    return this;
  }

  /**
   * The pipeline.
   *
   * @return a new pipeline, with its threads started lazily
   * @throws NullPointerException if a required part is missing
   */
  public Pipeline build() {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(responses, "responses");
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(retryOptions, "retryOptions");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(moshi, "moshi");
    Objects.requireNonNull(localeTag, "localeTag");
    return new Pipeline(this);
  }
}
