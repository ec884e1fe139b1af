package dev.stateless.sample;

import io.lettuce.core.SetArgs;
import java.time.Duration;

/**
 * Classic externalized sessions: an opaque id whose owner is looked up in Redis on every request.
 * The app's own clients use JWTs; this path exists so that both designs can be measured side by
 * side on the same identity ({@code Authorization: Session <id>}). A session belongs to a login
 * family, so logging out, or a detected refresh-token reuse, ends it too.
 */
final class Sessions {

  /** Whose session it is, and the login family it belongs to. */
  record Session(String username, String family) {}

  private final Redis redis;
  private final RedisKeys keys;
  private final Duration ttl;

  Sessions(Redis redis, RedisKeys keys, Duration ttl) {
    this.redis = redis;
    this.keys = keys;
    this.ttl = ttl;
  }

  String open(String username, String family) {
    String id = OpaqueTokens.random();
    // "family username": usernames contain no space, so one GET returns both without parsing JSON.
    Redis.call(() -> redis.commands().set(keys.session(OpaqueTokens.digest(id)), family + " " + username,
        SetArgs.Builder.px(ttl.toMillis())));
    return id;
  }

  /** The session for {@code id}; 401 when there is none. One Redis GET, by design. */
  Session find(String id) {
    String value = Redis.call(() -> redis.commands().get(keys.session(OpaqueTokens.digest(id))));
    int space = value == null ? -1 : value.indexOf(' ');
    if (space < 0) {
      throw ApiException.unauthorized("session unknown or expired");
    }
    return new Session(value.substring(space + 1), value.substring(0, space));
  }

  void close(String id) {
    Redis.call(() -> redis.commands().del(keys.session(OpaqueTokens.digest(id))));
  }
}
