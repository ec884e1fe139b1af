package dev.stateless.operator.backend;

import java.security.SecureRandom;

/**
 * Random credentials for managed backends. Letters and digits only: the values end up in URLs,
 * command lines and environment variables, where any other character would need escaping.
 */
public final class GeneratedCredentials {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedCredentials() {}

  /** 40 characters: about 238 bits, beyond any brute force over the network. */
  public static String password() {
    return random(40);
  }

  /** MinIO wants an access key of 3 to 20 characters. */
  public static String accessKeyId() {
    return random(20);
  }

  public static String secretAccessKey() {
    return random(40);
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
