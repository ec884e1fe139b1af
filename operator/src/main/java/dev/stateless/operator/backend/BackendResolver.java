package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves how the app reaches its backends. Managed backends keep the credentials generated the
 * first time (read back from their Secret, so desired state stays the same from one reconcile to
 * the next); external ones are read from the user's Secrets. A missing Secret or key becomes a
 * problem that names the Secret and the key, never a value.
 */
public final class BackendResolver {

  private final Function<String, Optional<Secret>> operatorSecrets;
  private final Function<String, Optional<Secret>> userSecrets;

  /**
   * @param operatorSecrets the operator's own Secrets by name (from the informer cache)
   * @param userSecrets the user's Secrets by name (read on demand, only those the spec names)
   */
  public BackendResolver(Function<String, Optional<Secret>> operatorSecrets, Function<String, Optional<Secret>> userSecrets) {
    this.operatorSecrets = operatorSecrets;
    this.userSecrets = userSecrets;
  }

  public Backends resolve(AppSettings app) {
    List<ProbeResult> problems = new ArrayList<>();
    Optional<RedisSettings> redisSettings = RedisSettings.of(app);
    Optional<RedisConnection> redis = redisSettings.flatMap(settings -> settings.managed()
        ? Optional.of(managedRedis(app))
        : externalRedis(settings, problems));
    boolean storageDeclared = ObjectStorageSettings.of(app).isPresent();
    Optional<ObjectStorageConnection> storage = objectStorage(app, problems);
    boolean declared = redisSettings.isPresent() || storageDeclared;
    BackendsVerdict verdict = !declared ? BackendsVerdict.noneDeclared()
        : !problems.isEmpty() ? BackendsVerdict.of(problems)
        : BackendsVerdict.checking();
    return new Backends(redisSettings.isPresent(), redis, storageDeclared, storage, List.copyOf(problems), verdict);
  }

  /**
   * The object storage alone, for the deletion policy: Redis is not resolved, so none of its
   * Secrets is read. A Secret problem is added to {@code problems}.
   */
  public Optional<ObjectStorageConnection> objectStorage(AppSettings app, List<ProbeResult> problems) {
    return ObjectStorageSettings.of(app).flatMap(settings -> settings.managed()
        ? Optional.of(managedStorage(app, settings))
        : externalStorage(settings, problems));
  }

  private RedisConnection managedRedis(AppSettings app) {
    Optional<Secret> stored = operatorSecrets.apply(BackendNames.redisCredentials(app.app()));
    String password = stored.flatMap(s -> SecretData.get(s, ManagedCredentials.PASSWORD))
        .filter(value -> !value.isEmpty())
        .orElseGet(GeneratedCredentials::password);
    return RedisConnection.managed(BackendNames.redisHost(app.app()), BackendNames.REDIS_PORT, password);
  }

  private Optional<RedisConnection> externalRedis(RedisSettings settings, List<ProbeResult> problems) {
    String secretName = settings.externalSecretName();
    Optional<String> url = readUserKey(secretName, RedisSettings.EXTERNAL_URL_KEY, ProbeResult.REDIS_SECRET_INVALID, "Redis", problems);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    Optional<RedisConnection> connection = RedisConnection.fromUrl(url.get());
    if (connection.isEmpty()) {
      problems.add(ProbeResult.failed(ProbeResult.REDIS_SECRET_INVALID,
          "Redis: key `url` of Secret " + secretName + " is not a redis:// or rediss:// URL"));
    }
    return connection;
  }

  private ObjectStorageConnection managedStorage(AppSettings app, ObjectStorageSettings settings) {
    Optional<Secret> stored = operatorSecrets.apply(BackendNames.objectStorageCredentials(app.app()));
    Optional<String> keyId = stored.flatMap(s -> SecretData.get(s, ManagedCredentials.ACCESS_KEY_ID)).filter(v -> !v.isEmpty());
    Optional<String> secretKey = stored.flatMap(s -> SecretData.get(s, ManagedCredentials.SECRET_ACCESS_KEY)).filter(v -> !v.isEmpty());
    boolean keep = keyId.isPresent() && secretKey.isPresent();
    return new ObjectStorageConnection(ObjectStorageConnection.MANAGED_PROVIDER, settings.endpoint(), settings.region(),
        settings.bucket(), true,
        keep ? keyId.get() : GeneratedCredentials.accessKeyId(),
        keep ? secretKey.get() : GeneratedCredentials.secretAccessKey(),
        true);
  }

  private Optional<ObjectStorageConnection> externalStorage(ObjectStorageSettings settings, List<ProbeResult> problems) {
    String secretName = settings.externalSecretName();
    Optional<String> keyId = readUserKey(secretName, ObjectStorageSettings.EXTERNAL_ACCESS_KEY_ID,
        ProbeResult.OBJECT_STORAGE_SECRET_INVALID, "object storage", problems);
    Optional<String> secretKey = keyId.isEmpty() ? Optional.empty() : readUserKey(secretName,
        ObjectStorageSettings.EXTERNAL_SECRET_ACCESS_KEY, ProbeResult.OBJECT_STORAGE_SECRET_INVALID, "object storage", problems);
    if (keyId.isEmpty() || secretKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ObjectStorageConnection(ObjectStorageConnection.EXTERNAL_PROVIDER, settings.endpoint(),
        settings.region(), settings.bucket(), settings.forcePathStyle(), keyId.get(), secretKey.get(), false));
  }

  /** A key of a user's Secret, or a problem naming the Secret and the key. */
  private Optional<String> readUserKey(String secretName, String key, String reason, String backend, List<ProbeResult> problems) {
    Optional<Secret> secret = userSecrets.apply(secretName);
    if (secret.isEmpty()) {
      problems.add(ProbeResult.failed(reason, backend + ": Secret " + secretName + " (key `" + key + "`) not found"));
      return Optional.empty();
    }
    Optional<String> value = SecretData.get(secret.get(), key).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      problems.add(ProbeResult.failed(reason, backend + ": Secret " + secretName + " has no key `" + key + "`"));
    }
    return value;
  }
}
