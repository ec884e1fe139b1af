package dev.stateless.operator.backend;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Keys of the Secrets holding the managed backends' generated credentials. */
public final class ManagedCredentials {

  /** The managed Redis's password, in {@code <app>-redis-credentials}. */
  public static final String PASSWORD = "password";
  /** The managed object storage's keys, in {@code <app>-s3-credentials}. */
  public static final String ACCESS_KEY_ID = "access-key-id";
  public static final String SECRET_ACCESS_KEY = "secret-access-key";

  private ManagedCredentials() {}

  /**
   * The values the credentials Secret should hold: the ones it already holds, when it holds every
   * key of {@code resolved} non-empty; otherwise {@code resolved} (what the reconcile resolved at its
   * start, or fresh ones). The resolved values may come from an older copy of this very Secret, read
   * before an edit arrived: writing them would undo the edit, and credentials once stored must only
   * change when someone changes them. They are kept or replaced as a whole, as the resolver decides
   * ({@link BackendResolver}): an access key id never goes with another pair's secret key.
   */
  static Map<String, String> stored(Optional<Secret> existing, Map<String, String> resolved) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String key : resolved.keySet()) {
      Optional<String> value = existing.flatMap(secret -> SecretData.get(secret, key)).filter(v -> !v.isEmpty());
      if (value.isEmpty()) {
        return resolved;
      }
      kept.put(key, value.get());
    }
    return kept;
  }
}
