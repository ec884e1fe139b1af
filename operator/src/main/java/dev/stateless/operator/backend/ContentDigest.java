package dev.stateless.operator.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

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
      new TreeMap<>(content).forEach((key, value) -> {
        digest.update(key.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
