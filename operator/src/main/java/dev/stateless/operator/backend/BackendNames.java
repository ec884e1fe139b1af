package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;

/**
 * Names of the objects the operator creates for an app's backends, and the in-cluster addresses of
 * the managed ones. A Service, its server and its binding Secret share a name, as users look them
 * up together ({@code kubectl get deploy,svc,secret shop-redis}).
 */
public final class BackendNames {

  public static final int REDIS_PORT = 6379;
  public static final int OBJECT_STORAGE_PORT = 9000;

  private BackendNames() {}

  /** Deployment, Service and binding Secret of the app's Redis. */
  public static String redis(StatelessApp app) {
    return app.getMetadata().getName() + "-redis";
  }

  /** The Secret holding the managed Redis's generated password. */
  public static String redisCredentials(StatelessApp app) {
    return redis(app) + "-credentials";
  }

  /** Deployment, Service, PersistentVolumeClaim and binding Secret of the app's object storage. */
  public static String objectStorage(StatelessApp app) {
    return app.getMetadata().getName() + "-s3";
  }

  /** The Secret holding the managed object storage's generated access keys. */
  public static String objectStorageCredentials(StatelessApp app) {
    return objectStorage(app) + "-credentials";
  }

  /** The managed Redis Service's DNS name; the namespace-qualified form resolves from any pod. */
  public static String redisHost(StatelessApp app) {
    return redis(app) + "." + app.getMetadata().getNamespace() + ".svc";
  }

  /** The managed object storage's S3 endpoint. */
  public static String objectStorageEndpoint(StatelessApp app) {
    return "http://" + objectStorage(app) + "." + app.getMetadata().getNamespace() + ".svc:" + OBJECT_STORAGE_PORT;
  }

  /** Prefix the app puts before its Redis keys, so apps sharing one Redis never collide. */
  public static String redisKeyPrefix(StatelessApp app) {
    return app.getMetadata().getNamespace() + ":" + app.getMetadata().getName() + ":";
  }
}
