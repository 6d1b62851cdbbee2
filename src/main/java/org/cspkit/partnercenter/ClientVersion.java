package org.cspkit.partnercenter;

import org.cspkit.partnercenter.internal.LibraryVersion;

/**
 * The version of this client, as the build wrote it into the jar ({@code version.properties}) and
 * as the client sends it in the {@code MS-PartnerCenter-Client} header of every request. The
 * values are read once, when this class is first used.
 *
 * <p>Thread safety: immutable; every method may be called from any thread.
 */
public final class ClientVersion {
  private ClientVersion() {}

  /**
   * The artifact's name.
   *
   * @return such as {@code partner-center-purchase}, never null
   */
  public static String name() {
    return LibraryVersion.NAME;
  }

  /**
   * The artifact's version, as {@code pom.xml} sets it.
   *
   * @return such as {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}, never null
   */
  public static String version() {
    return LibraryVersion.VERSION;
  }

  /**
   * The value of the {@code MS-PartnerCenter-Client} header the client sends.
   *
   * @return {@code name/version}, such as {@code partner-center-purchase/0.1.0}
   */
  public static String clientHeader() {
    return LibraryVersion.CLIENT_HEADER;
  }
}
