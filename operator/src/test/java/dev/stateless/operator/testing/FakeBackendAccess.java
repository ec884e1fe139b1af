package dev.stateless.operator.testing;

import dev.stateless.operator.backend.BackendAccess;
import dev.stateless.operator.backend.CheckSchedule;
import dev.stateless.operator.backend.ObjectStorageConnection;
import dev.stateless.operator.backend.ProbeResult;
import dev.stateless.operator.backend.RedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Backends as the operator sees them on the fake API server, where no Redis or S3 server runs:
 * each check answers what the test says, and every call is recorded with the connection it got.
 */
public final class FakeBackendAccess {

  /** Retries and re-reads fast enough for a test, the same shape as the shipped schedule. */
  public static final CheckSchedule FAST = new CheckSchedule(Duration.ofMillis(100), Duration.ofMillis(400),
      Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(1), 2);

  public final AtomicReference<ProbeResult> redis = new AtomicReference<>(ProbeResult.ok("Redis answered PING"));
  /** Connections the Redis check refuses with {@link #redisRefusal}, whatever {@link #redis} says. */
  public final AtomicReference<Predicate<RedisConnection>> redisRefuses = new AtomicReference<>(connection -> false);
  public final AtomicReference<ProbeResult> redisRefusal = new AtomicReference<>(
      ProbeResult.failed(ProbeResult.REDIS_AUTHENTICATION_FAILED, "Redis refused the credentials: WRONGPASS"));
  public final AtomicReference<ProbeResult> objectStorage = new AtomicReference<>(ProbeResult.ok("bucket writable"));
  public final AtomicReference<ProbeResult> bucketRemoval = new AtomicReference<>(ProbeResult.ok("bucket deleted"));
  public final List<RedisConnection> redisChecked = new CopyOnWriteArrayList<>();
  public final List<ObjectStorageConnection> objectStorageChecked = new CopyOnWriteArrayList<>();
  public final List<ObjectStorageConnection> bucketsRemoved = new CopyOnWriteArrayList<>();

  public BackendAccess access() {
    return new BackendAccess(
        connection -> {
          redisChecked.add(connection);
          return redisRefuses.get().test(connection) ? redisRefusal.get() : redis.get();
        },
        connection -> {
          objectStorageChecked.add(connection);
          return objectStorage.get();
        },
        connection -> {
          bucketsRemoved.add(connection);
          return bucketRemoval.get();
        });
  }
}
