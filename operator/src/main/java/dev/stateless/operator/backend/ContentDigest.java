package dev.stateless.operator.backend;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short, one-way digest of key/value content, for pod template annotations that must change
 * when a referenced Secret's content changes. One-way on purpose: the annotation is visible to
 * anyone who can read the Deployment, the values are not.
 */
public final class ContentDigest {

  private ContentDigest() {}

  public static String of(Map<String, String> content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return digest(content, digest::update, digest::digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * An HMAC-SHA256 of the content under {@code key}. One-way is not enough when the content holds a
   * secret that may be weak (a user's Redis password): whoever sees a plain digest and knows the
   * rest of the content can test guesses against it. Without the key, they cannot.
   */
  public static String keyed(String key, Map<String, String> content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return digest(content, mac::update, mac::doFinal);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static String digest(Map<String, String> content, Consumer<byte[]> update, Supplier<byte[]> finish) {
    new TreeMap<>(content).forEach((key, value) -> {
      update.accept(key.getBytes(StandardCharsets.UTF_8));
      update.accept(new byte[] {0});
      update.accept(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      update.accept(new byte[] {0});
    });
    return HexFormat.of().formatHex(finish.get(), 0, 16);
  }
}
