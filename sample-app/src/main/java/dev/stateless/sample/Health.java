package dev.stateless.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Readiness: the replica can serve only while Redis answers PING and the bucket answers HEAD, and
 * is not shutting down.
 */
final class Health {

  /** The outcome per backend ("up" or "down"), in a stable order. */
  record Readiness(boolean ready, Map<String, String> checks) {}

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
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("redis", probe(() -> Redis.call(() -> redis.commands().ping())));
    checks.put("objectStorage", probe(() -> {
      uploads.checkBucket();
      return "OK";
    }));
    return new Readiness(checks.values().stream().allMatch("up"::equals), checks);
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
