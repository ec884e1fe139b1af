package dev.stateless.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Readiness: the replica can serve only while Redis answers PING and the bucket answers HEAD, and
 * is not shutting down.
 */
final class Health {

  /** The outcome per backend ("up" or "down"), in a stable order. */
  record Readiness(boolean ready, Map<String, String> checks) {}

  /**
   * The kubelet waits a second for the readiness probe (the operator sets timeoutSeconds: 1): both
   * backends are asked at once, and one that has not answered by then is down.
   */
  static final Duration DEADLINE = Duration.ofMillis(800);

  private final Redis redis;
  private final Uploads uploads;
  private volatile boolean shuttingDown;

  Health(Redis redis, Uploads uploads) {
    this.redis = redis;
    this.uploads = uploads;
  }

  /** From now on the replica reports itself not ready, so that it is taken out of its Service. */
  void shutDown() {
    shuttingDown = true;
  }

  Readiness check() {
    if (shuttingDown) {
      return new Readiness(false, Map.of("replica", "shutting down"));
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    CompletableFuture<String> pong = redis.ping(); // on its way while the bucket is asked
    String objectStorage = probe(() -> {
      uploads.checkBucket(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      return "OK";
    });
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("redis", probe(() -> awaitUntil(pong, deadline)));
    checks.put("objectStorage", objectStorage);
    return new Readiness(checks.values().stream().allMatch("up"::equals), checks);
  }

  private static String awaitUntil(CompletableFuture<String> answer, long deadlineNanos) {
    try {
      return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new BackendUnavailableException(Redis.NAME, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException(Redis.NAME, e);
    }
  }

  private static String probe(Supplier<String> check) {
    try {
      check.get();
      return "up";
    } catch (BackendUnavailableException e) {
      return "down";
    }
  }
}
