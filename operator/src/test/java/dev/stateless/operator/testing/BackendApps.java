package dev.stateless.operator.testing;

import dev.stateless.api.v1alpha1.BackendMode;
import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.ObjectStorageSpec;
import dev.stateless.api.v1alpha1.RedisSpec;
import dev.stateless.api.v1alpha1.SecretRef;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** StatelessApps with backends, and the user Secrets external backends read. */
public final class BackendApps {

  private BackendApps() {}

  public static StatelessApp managed(String namespace, String name) {
    StatelessApp app = TestApps.app(namespace, name);
    app.getSpec().setRedis(managedRedis());
    app.getSpec().setObjectStorage(managedStorage(DeletionPolicy.Retain));
    return app;
  }

  public static RedisSpec managedRedis() {
    RedisSpec redis = new RedisSpec();
    redis.setMode(BackendMode.Managed);
    return redis;
  }

  public static ObjectStorageSpec managedStorage(DeletionPolicy policy) {
    ObjectStorageSpec storage = new ObjectStorageSpec();
    storage.setMode(BackendMode.Managed);
    storage.setStorageSize("5Gi");
    storage.setDeletionPolicy(policy);
    return storage;
  }

  public static RedisSpec externalRedis(String secretName) {
    RedisSpec redis = new RedisSpec();
    redis.setMode(BackendMode.External);
    redis.setExternalSecretRef(new SecretRef(secretName));
    return redis;
  }

  public static ObjectStorageSpec externalStorage(String endpoint, String bucket, String secretName, DeletionPolicy policy) {
    ObjectStorageSpec storage = new ObjectStorageSpec();
    storage.setMode(BackendMode.External);
    storage.setEndpoint(endpoint);
    storage.setBucket(bucket);
    storage.setRegion("eu-west-1");
    storage.setForcePathStyle(true);
    storage.setExternalSecretRef(new SecretRef(secretName));
    storage.setDeletionPolicy(policy);
    return storage;
  }

  /** A user's Secret, as the API server stores what kubectl create secret generic --from-literal sends. */
  public static Secret userSecret(String namespace, String name, Map<String, String> values) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withType("Opaque")
        .withData(SecretData.encode(values))
        .build();
  }

  /** A Secret's values, decoded. */
  public static Map<String, String> values(Secret secret) {
    Map<String, String> values = new java.util.TreeMap<>();
    secret.getData().keySet().forEach(key -> values.put(key, SecretData.get(secret, key).orElseThrow()));
    return values;
  }
}
