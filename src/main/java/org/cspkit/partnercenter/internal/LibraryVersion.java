package org.cspkit.partnercenter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The library's name and version, written into {@code version.properties} by the build. */
public final class LibraryVersion {
  /** The artifact name, such as {@code partner-center-purchase}. */
  public static final String NAME;

  /** The artifact version, such as {@code 0.1.0}. */
  public static final String VERSION;

  /** The {@code MS-PartnerCenter-Client} value: {@code name/version}. */
  public static final String CLIENT_HEADER;

  static {
    Properties properties = new Properties();
    try (InputStream in =
        LibraryVersion.class.getResourceAsStream("/org/cspkit/partnercenter/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NAME = properties.getProperty("name");
    VERSION = properties.getProperty("version");
    CLIENT_HEADER = NAME + "/" + VERSION;
  }

  private LibraryVersion() {}
}
