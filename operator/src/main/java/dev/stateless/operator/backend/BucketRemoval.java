package dev.stateless.operator.backend;

/**
 * Empties and deletes a bucket, for {@code deletionPolicy: Delete}. Ok when the bucket is gone,
 * including when it was gone already; a failure says why (unreachable, refused, denied).
 */
@FunctionalInterface
public interface BucketRemoval {

  ProbeResult remove(ObjectStorageConnection storage);
}
