package org.cspkit.partnercenter.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.cspkit.partnercenter.internal.Redaction;

/**
 * The secret strings one token source holds: the client secret or PKCS#12 password, the refresh
 * token it started from and the refresh tokens Entra ID rotated it to. An authority may echo what
 * was posted to it, so everything it says is scrubbed of them before it reaches an exception or
 * MSAL4J.
 *
 * <p>Rotated refresh tokens are kept up to {@value #MAX_ROTATED}, the newest: only the one in use
 * is posted, so only it can come back, and a source that runs for months must not grow without
 * bound. The secrets it started with are never dropped. Thread-safe; {@link #toString()} shows
 * only a count.
 */
final class KnownSecrets {
  /** How many rotated refresh tokens are kept, the newest. */
  static final int MAX_ROTATED = 32;

  private final List<String> initial;
  private final Deque<String> rotated = new ArrayDeque<>();
  private volatile List<String> all;

  /**
   * Secrets known from the start.
   *
   * @param initial the secret values; nulls are ignored
   */
  KnownSecrets(Collection<String> initial) {
    List<String> values = new ArrayList<>();
    for (String secret : initial) {
      if (secret != null) {
        values.add(secret);
      }
    }
    this.initial = List.copyOf(values);
    this.all = this.initial;
  }

  /**
   * Adds a refresh token Entra ID issued; call before it is handed to anyone.
   *
   * @param refreshToken the new refresh token
   */
  synchronized void addRotated(String refreshToken) {
    if (refreshToken == null || all.contains(refreshToken)) {
      return;
    }
    rotated.addLast(refreshToken);
    if (rotated.size() > MAX_ROTATED) {
      rotated.removeFirst();
    }
    List<String> values = new ArrayList<>(initial);
    values.addAll(rotated);
    all = List.copyOf(values);
  }

  /**
   * The secret values now known.
   *
   * @return an unmodifiable snapshot
   */
  List<String> values() {
    return all;
  }

  /**
   * The text with every known secret masked, in any spelling.
   *
   * @param text the text, or null
   * @return the scrubbed text, or null for null
   */
  String scrub(String text) {
    return Redaction.scrub(text, all);
  }

  /** Shows how many secrets are held, never one of them. */
  @Override
  public String toString() {
    return "KnownSecrets{" + all.size() + " secrets}";
  }
}
