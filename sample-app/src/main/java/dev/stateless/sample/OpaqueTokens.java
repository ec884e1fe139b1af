package dev.stateless.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (refresh tokens, session ids) and the digests under which Redis stores them,
 * and random identifiers (token ids, login families).
 */
final class OpaqueTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private OpaqueTokens() {
  }

  /** 256 random bits, URL-safe: a secret whoever holds it may present. */
  static String random() {
    return randomBits(256);
  }

  /**
   * 128 random bits, URL-safe (22 characters): an identifier that must be unique and unguessable
   * but grants nothing, such as a {@code jti} or a login family {@code sid}. Both travel inside
   * every access token, so each character is parsed on every request: a UUID's 36 characters carry
   * 122 random bits.
   */
  static String id() {
    return randomBits(128);
  }

  private static String randomBits(int bits) {
    byte[] bytes = new byte[bits / 8];
    RANDOM.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  /** The Redis key part for a secret: whoever reads Redis learns nothing they could present. */
  static String digest(String secret) {
    try {
      return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
