package dev.stateless.operator.backend;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and writes Secret values as text; Kubernetes stores them base64-encoded in {@code data}. */
public final class SecretData {

  private SecretData() {}

  /** The value of {@code key}, from {@code data} or, as some clients write it, {@code stringData}. */
  public static Optional<String> get(Secret secret, String key) {
    if (secret == null) {
      return Optional.empty();
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    if (encoded != null) {
      try {
        return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key));
  }

  /** The given text values, encoded for {@code data}, in the given order. */
  public static Map<String, String> encode(Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return data;
  }
}
