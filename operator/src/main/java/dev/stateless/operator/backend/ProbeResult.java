package dev.stateless.operator.backend;

/**
 * What one backend check found. {@code reason} is a stable CamelCase word for the condition,
 * {@code message} says what failed and why, for a person; neither ever holds a secret.
 */
public record ProbeResult(boolean ok, String reason, String message) {

  public static final String REDIS_UNREACHABLE = "RedisUnreachable";
  public static final String REDIS_AUTHENTICATION_FAILED = "RedisAuthenticationFailed";
  public static final String REDIS_SECRET_INVALID = "RedisSecretInvalid";
  public static final String OBJECT_STORAGE_UNREACHABLE = "ObjectStorageUnreachable";
  public static final String OBJECT_STORAGE_AUTHENTICATION_FAILED = "ObjectStorageAuthenticationFailed";
  public static final String OBJECT_STORAGE_ACCESS_DENIED = "ObjectStorageAccessDenied";
  public static final String BUCKET_MISSING = "BucketMissing";
  public static final String OBJECT_STORAGE_SECRET_INVALID = "ObjectStorageSecretInvalid";
  /** A check that broke instead of reporting; a bug, not a backend problem. */
  public static final String CHECK_FAILED = "BackendCheckFailed";

  public static ProbeResult ok(String message) {
    return new ProbeResult(true, "Available", message);
  }

  public static ProbeResult failed(String reason, String message) {
    return new ProbeResult(false, reason, message);
  }
}
