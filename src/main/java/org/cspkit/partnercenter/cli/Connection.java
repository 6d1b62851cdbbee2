package org.cspkit.partnercenter.cli;

import java.time.Duration;
import java.util.Locale;
import org.cspkit.partnercenter.PartnerCenterClient;
import org.cspkit.partnercenter.PartnerCenterClientBuilder;
import org.cspkit.partnercenter.PartnerCenterCloud;
import org.cspkit.partnercenter.RetryOptions;
import picocli.CommandLine.Option;

/**
 * The options of the connection every command that calls Partner Center shares (a picocli mixin):
 * the cloud or another host, the variable holding the token, the request headers' locale and
 * application name, and the retries. {@code purchase} records them to resume with.
 */
final class Connection {
  private static final long MAX_DEADLINE_SECONDS = Duration.ofDays(1).toSeconds();

  @Option(
      names = "--cloud",
      paramLabel = "CLOUD",
      defaultValue = "global",
      completionCandidates = Completions.Clouds.class,
      description = "global, us-government or china (21Vianet): the Entra ID authority, the token"
          + " scope and the API host. Default: ${DEFAULT-VALUE}.")
  String cloud;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = {"Another API host, such as a mock server:", "http://127.0.0.1:4010"})
  String baseUrl;

  @Option(
      names = "--token-env",
      paramLabel = "NAME",
      defaultValue = ClientCommand.DEFAULT_TOKEN_VARIABLE,
      description = "Environment variable holding the access token. Default: ${DEFAULT-VALUE}.")
  String tokenVariable;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      defaultValue = "en-US",
      description = "X-Locale, such as de-DE. Default: ${DEFAULT-VALUE}.")
  String locale;

  @Option(
      names = "--application-name",
      paramLabel = "NAME",
      description = "MS-PartnerCenter-Application to send.")
  String applicationName;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "4",
      description = "Most attempts, the first included, 1 to 100; 1 turns retries off."
          + " Default: ${DEFAULT-VALUE}.")
  int maxAttempts;

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Limit on each call, retries included, 1 to 86400. Default: ${DEFAULT-VALUE}.")
  long deadlineSeconds;

  /**
   * A client builder with these settings; a usage error naming the option for a bad value.
   *
   * @param command the command, for its usage errors
   * @param partnerCenterCloud the cloud of {@code --cloud}
   * @return the builder, without credentials
   */
  PartnerCenterClientBuilder builder(ClientCommand command, PartnerCenterCloud partnerCenterCloud) {
    if (deadlineSeconds < 1 || deadlineSeconds > MAX_DEADLINE_SECONDS) {
      throw command.usage("--deadline must be from 1 to " + MAX_DEADLINE_SECONDS + " seconds, got "
          + deadlineSeconds);
    }
    RetryOptions retryOptions = command.setting(
        "--max-attempts",
        () -> RetryOptions.builder()
            .maxAttempts(maxAttempts)
            .deadline(Duration.ofSeconds(deadlineSeconds))
            .build());
    PartnerCenterClientBuilder builder =
        PartnerCenterClient.builder().cloud(partnerCenterCloud).retryOptions(retryOptions);
    Locale xLocale = Locale.forLanguageTag(locale);
    command.setting("--locale", () -> builder.locale(xLocale));
    command.setting("--application-name", () -> builder.applicationName(applicationName));
    if (baseUrl != null) {
      try {
        builder.baseUrl(baseUrl);
      } catch (IllegalArgumentException e) {
        // The URL may carry a password (http://user:password@host/): never echo it.
        String message = String.valueOf(e.getMessage());
        throw command.usage(ClientCommand.optionMessage(
            "--base-url", message.replace(baseUrl, maskUserInfo(baseUrl))));
      }
    }
    return builder;
  }

  /** The URL with whatever stands between "://" and the last "@" before the path masked. */
  static String maskUserInfo(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int end = url.indexOf('/', start);
    int at = url.lastIndexOf('@', end < 0 ? url.length() - 1 : end);
    return at < start ? url : url.substring(0, start) + "****" + url.substring(at);
  }
}
