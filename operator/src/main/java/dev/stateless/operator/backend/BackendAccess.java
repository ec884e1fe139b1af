package dev.stateless.operator.backend;

import java.time.Duration;

/**
 * How the operator talks to backends: the two checks and the bucket removal. The shipped ones use
 * lettuce and the AWS SDK; tests on a fake API server, where no backend runs, pass fakes.
 */
public record BackendAccess(RedisCheck redis, ObjectStorageCheck objectStorage, BucketRemoval bucketRemoval) implements AutoCloseable {

  /** Connecting, and each request, gives up after this long. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  /** A whole S3 call (a put that follows a slow connect, say) gives up after this long. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  public static BackendAccess real() {
    S3Clients s3 = new S3Clients(ATTEMPT_TIMEOUT, CALL_TIMEOUT);
    return new BackendAccess(new LettuceRedisCheck(ATTEMPT_TIMEOUT), new S3ObjectStorageCheck(s3), new S3BucketRemoval(s3));
  }

  @Override
  public void close() {
    if (redis instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // Shutting down: nothing left to do about a client that does not stop cleanly.
      }
    }
  }
}
