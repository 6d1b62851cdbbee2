package org.cspkit.partnercenter.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;

/** Self-signed RSA certificates for the certificate credential, as objects or PKCS#12 files. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A new self-signed RSA-2048 certificate with its private key. */
  public static HeldCertificate rsa() {
    return new HeldCertificate.Builder()
        .rsa2048()
        .commonName("partner-center-purchase test")
        .build();
  }

  /**
   * Writes {@code certificate} and its key to a PKCS#12 file.
   *
   * @return the file
   */
  public static Path pkcs12(HeldCertificate certificate, Path file, String password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "app", certificate.keyPair().getPrivate(), password.toCharArray(), new Certificate[] {
          certificate.certificate()
        });
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
