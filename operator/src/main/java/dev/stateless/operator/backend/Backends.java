package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The app's backends as one reconcile sees them: the connections resolved from the spec and the
 * Secrets (absent when not declared, or when a user Secret is missing: see {@code problems}), and
 * the latest verdict of the checks. Computed once per reconcile, before the children, so the
 * binding Secrets, the app's pod template and the status agree.
 */
public record Backends(
    boolean redisDeclared,
    Optional<RedisConnection> redis,
    boolean objectStorageDeclared,
    Optional<ObjectStorageConnection> objectStorage,
    List<ProbeResult> problems,
    BackendsVerdict verdict) {

  /** Where the workflow's dependents find this reconcile's backends. */
  public static final String CONTEXT_KEY = "backends";

  /** Stands for generated and user-provided values in {@code render}, which has neither. */
  public static final String NOT_YET_KNOWN = "<generated at apply time>";

  public static Backends in(Context<StatelessApp> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(CONTEXT_KEY, Backends.class);
  }

  /** As {@code render} shows them: every secret a placeholder, the checks passed. */
  public static Backends forRender(AppSettings app) {
    StatelessApp resource = app.app();
    Optional<RedisConnection> redis = RedisSettings.of(app).map(settings -> settings.managed()
        ? RedisConnection.managed(BackendNames.redisHost(resource), BackendNames.REDIS_PORT, NOT_YET_KNOWN)
        : new RedisConnection(RedisConnection.EXTERNAL_PROVIDER, NOT_YET_KNOWN, BackendNames.REDIS_PORT, null,
            NOT_YET_KNOWN, false, NOT_YET_KNOWN));
    Optional<ObjectStorageConnection> storage = ObjectStorageSettings.of(app).map(settings -> new ObjectStorageConnection(
        settings.managed() ? ObjectStorageConnection.MANAGED_PROVIDER : ObjectStorageConnection.EXTERNAL_PROVIDER,
        settings.endpoint(), settings.region(), settings.bucket(), settings.forcePathStyle(),
        NOT_YET_KNOWN, NOT_YET_KNOWN, settings.managed()));
    return new Backends(redis.isPresent(), redis, storage.isPresent(), storage, List.of(),
        redis.isPresent() || storage.isPresent() ? BackendsVerdict.of(List.of()) : BackendsVerdict.noneDeclared());
  }

  public boolean anyDeclared() {
    return redisDeclared || objectStorageDeclared;
  }

  /** Whether the app may get a new configuration: its backends answered, or it has none. */
  public boolean ready() {
    return verdict.ready();
  }

  public Backends withVerdict(BackendsVerdict verdict) {
    return new Backends(redisDeclared, redis, objectStorageDeclared, objectStorage, problems, verdict);
  }

  /**
   * A digest of the binding Secrets' content, to tell whether the published Secrets hold what this
   * reconcile resolved. The pod template carries its keyed twin, {@link #templateDigest}. Empty
   * when the app has no backends.
   */
  public Optional<String> contentHash() {
    return contentHash(redis.map(BindingValues::redis), objectStorage.map(BindingValues::objectStorage));
  }

  /** The same digest, of binding values however obtained (resolved now, or read back from the Secrets). */
  public static Optional<String> contentHash(Optional<Map<String, String>> redisValues, Optional<Map<String, String>> storageValues) {
    return content(redisValues, storageValues).map(ContentDigest::of);
  }

  /**
   * The digest the app's pod template carries, keyed (see {@link BackendSecrets#digestKey}): it
   * changes with the values as {@link #contentHash()} does, but tells nothing about them to whoever
   * can read the Deployment and not the Secrets. Empty when the app has no backends.
   */
  public Optional<String> templateDigest(String key) {
    return content(redis.map(BindingValues::redis), objectStorage.map(BindingValues::objectStorage))
        .map(content -> ContentDigest.keyed(key, content));
  }

  private static Optional<Map<String, String>> content(Optional<Map<String, String>> redisValues,
      Optional<Map<String, String>> storageValues) {
    if (redisValues.isEmpty() && storageValues.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> content = new TreeMap<>();
    redisValues.ifPresent(values -> values.forEach((k, v) -> content.put("redis/" + k, v)));
    storageValues.ifPresent(values -> values.forEach((k, v) -> content.put("s3/" + k, v)));
    return Optional.of(content);
  }

}
