package dev.stateless.operator.backend;

import io.fabric8.kubernetes.api.model.Secret;
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
   * The value the credentials Secret should hold for {@code key}: the one it already holds, if any.
   * {@code resolved} (what the reconcile resolved at its start, or a fresh one) is only for a Secret
   * without it. The resolved value may come from an older copy of this very Secret, read before an
   * edit arrived: writing it would undo the edit, and a password or key once stored must only change
   * when someone changes it.
   */
  static String stored(Optional<Secret> existing, String key, String resolved) {
    return existing.flatMap(secret -> SecretData.get(secret, key)).filter(value -> !value.isEmpty()).orElse(resolved);
  }
}
