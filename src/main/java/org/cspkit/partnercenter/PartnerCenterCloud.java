package org.cspkit.partnercenter;

import java.util.Locale;

/**
 * The Partner Center clouds, with their API base URL, Entra ID authority host and token audience.
 *
 * <p>Source: Partner Center "Partner Center REST URLs" and the national cloud pages, and the
 * Partner Center PowerShell module's environment constants. Microsoft Cloud Germany was retired and
 * is deliberately absent: {@link #fromName(String)} rejects it with an explanation.
 */
public enum PartnerCenterCloud {
  /** Partner Center, the global cloud. */
  GLOBAL(
      "global",
      "https://api.partnercenter.microsoft.com/",
      "https://login.microsoftonline.com",
      "https://api.partnercenter.microsoft.com"),

  /**
   * Partner Center for Microsoft Cloud for US Government: the global API host with the US
   * Government Entra ID authority.
   */
  US_GOVERNMENT(
      "us-government",
      "https://api.partnercenter.microsoft.com/",
      "https://login.microsoftonline.us",
      "https://api.partnercenter.microsoft.com"),

  /** Partner Center operated by 21Vianet (China). */
  CHINA_21VIANET(
      "china",
      "https://partner.partnercenterapi.microsoftonline.cn/",
      "https://login.chinacloudapi.cn",
      "https://partner.partnercenterapi.microsoftonline.cn");

  private final String cliName;
  private final String apiBaseUrl;
  private final String authorityHost;
  private final String audience;

  PartnerCenterCloud(String cliName, String apiBaseUrl, String authorityHost, String audience) {
    this.cliName = cliName;
    this.apiBaseUrl = apiBaseUrl;
    this.authorityHost = authorityHost;
    this.audience = audience;
  }

  /**
   * The API base URL, ending in {@code /} and without the {@code /v1} version segment.
   *
   * @return for example {@code https://api.partnercenter.microsoft.com/}
   */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  /**
   * The Entra ID (Azure AD) authority host that issues tokens for this cloud.
   *
   * @return for example {@code https://login.microsoftonline.com}
   */
  public String authorityHost() {
    return authorityHost;
  }

  /**
   * The token audience (resource) of the Partner Center API in this cloud; the app-only scope is
   * this value followed by {@code /.default}.
   *
   * @return for example {@code https://api.partnercenter.microsoft.com}
   */
  public String audience() {
    return audience;
  }

  /**
   * The scope of an app-only (client credentials) token for the Partner Center API in this cloud.
   * Not the retired {@code https://graph.windows.net} audience (Partner Center page "Deprecation of
   * Azure AD Graph tokens").
   *
   * @return {@link #audience()} followed by {@code /.default}
   */
  public String appOnlyScope() {
    return audience + "/.default";
  }

  /**
   * The scope of an app+user (delegated) token for the Partner Center API in this cloud, as used
   * by the Secure Application Model.
   *
   * @return {@link #audience()} followed by {@code /user_impersonation}
   */
  public String userImpersonationScope() {
    return audience + "/user_impersonation";
  }

  /**
   * The Entra ID authority of a tenant in this cloud, as MSAL expects it.
   *
   * @param tenantId the tenant's ID or a verified domain
   * @return for example {@code https://login.microsoftonline.com/contoso.onmicrosoft.com/}
   */
  public String authority(String tenantId) {
    return authorityHost + "/" + tenantId + "/";
  }

  /**
   * The short name used on the command line.
   *
   * @return {@code global}, {@code us-government} or {@code china}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Looks a cloud up by its short name or constant name, ignoring case.
   *
   * @param name {@code global}, {@code us-government}, {@code china} (or {@code 21vianet}), or a
   *     constant name such as {@code US_GOVERNMENT}
   * @return the cloud
   * @throws IllegalArgumentException for an unknown name, and for Microsoft Cloud Germany, which
   *     was retired
   */
  public static PartnerCenterCloud fromName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (key) {
      case "global", "public" -> GLOBAL;
      case "us-government", "usgov" -> US_GOVERNMENT;
      case "china", "china-21vianet", "21vianet" -> CHINA_21VIANET;
      case "germany", "german" ->
        throw new IllegalArgumentException(
            "Microsoft Cloud Germany was retired and Partner Center no longer serves it;"
                + " customers moved to the global cloud: use 'global'");
      default ->
        throw new IllegalArgumentException(
            "unknown Partner Center cloud '" + name + "'; expected global, us-government or china");
    };
  }
}
