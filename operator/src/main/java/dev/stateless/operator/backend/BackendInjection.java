package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * What the app's containers get to reach their backends: the variables of the API (secrets through
 * secretKeyRef to the binding Secrets, the rest as plain values) and, with spec.serviceBindingRoot,
 * the binding Secrets projected as files. Everything here follows from the spec alone, so the
 * pod template does not move when only a Secret's content does (the content hash covers that).
 */
public final class BackendInjection {

  public static final String REDIS_URL = "REDIS_URL";
  public static final String REDIS_KEY_PREFIX = "REDIS_KEY_PREFIX";
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String S3_BUCKET = "S3_BUCKET";
  public static final String S3_FORCE_PATH_STYLE = "S3_FORCE_PATH_STYLE";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String SERVICE_BINDING_ROOT = "SERVICE_BINDING_ROOT";

  static final String REDIS_BINDING_VOLUME = "binding-redis";
  static final String S3_BINDING_VOLUME = "binding-s3";

  private BackendInjection() {}

  /** Adds the backends' variables, volumes and mounts to the given lists. */
  public static void addTo(AppSettings app, List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {
    RedisSettings.of(app).ifPresent(redis -> {
      env.add(fromSecret(REDIS_URL, BackendNames.redis(app.app()), "uri"));
      env.add(new EnvVar(REDIS_KEY_PREFIX, BackendNames.redisKeyPrefix(app.app()), null));
    });
    ObjectStorageSettings.of(app).ifPresent(storage -> {
      env.add(new EnvVar(AWS_ENDPOINT_URL_S3, storage.endpoint(), null));
      env.add(new EnvVar(AWS_REGION, storage.region(), null));
      env.add(new EnvVar(S3_BUCKET, storage.bucket(), null));
      env.add(new EnvVar(S3_FORCE_PATH_STYLE, Boolean.toString(storage.forcePathStyle()), null));
      env.add(fromSecret(AWS_ACCESS_KEY_ID, BackendNames.objectStorage(app.app()), "access-key-id"));
      env.add(fromSecret(AWS_SECRET_ACCESS_KEY, BackendNames.objectStorage(app.app()), "secret-access-key"));
    });
    String root = app.spec().getServiceBindingRoot();
    boolean anyBinding = RedisSettings.of(app).isPresent() || ObjectStorageSettings.of(app).isPresent();
    if (root == null || root.isBlank() || !anyBinding) {
      return;
    }
    String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    env.add(new EnvVar(SERVICE_BINDING_ROOT, root, null));
    RedisSettings.of(app).ifPresent(redis ->
        project(REDIS_BINDING_VOLUME, BackendNames.redis(app.app()), base + "/redis", volumes, mounts));
    ObjectStorageSettings.of(app).ifPresent(storage ->
        project(S3_BINDING_VOLUME, BackendNames.objectStorage(app.app()), base + "/s3", volumes, mounts));
  }

  private static EnvVar fromSecret(String variable, String secretName, String key) {
    return new EnvVarBuilder()
        .withName(variable)
        .withNewValueFrom().withNewSecretKeyRef().withName(secretName).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  /** The servicebinding.io workload projection: one directory per binding, one file per key. */
  private static void project(String volume, String secretName, String path, List<Volume> volumes, List<VolumeMount> mounts) {
    volumes.add(new VolumeBuilder()
        .withName(volume)
        .withNewSecret().withSecretName(secretName).withDefaultMode(0444).endSecret()
        .build());
    mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build());
  }
}
