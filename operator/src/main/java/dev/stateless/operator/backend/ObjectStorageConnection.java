package dev.stateless.operator.backend;

/**
 * How to reach an S3-compatible store and which bucket to use: what the binding Secret publishes
 * and what the check connects with. {@code createBucket} is set for managed storage, whose bucket
 * the operator creates; an external bucket is the user's to create. {@link #toString()} leaves the
 * keys out.
 */
public record ObjectStorageConnection(
    String provider,
    String endpoint,
    String region,
    String bucket,
    boolean forcePathStyle,
    String accessKeyId,
    String secretAccessKey,
    boolean createBucket) {

  public static final String MANAGED_PROVIDER = "minio";
  public static final String EXTERNAL_PROVIDER = "external";

  @Override
  public String toString() {
    return "ObjectStorageConnection[" + provider + " " + endpoint + " bucket " + bucket + "]";
  }
}
