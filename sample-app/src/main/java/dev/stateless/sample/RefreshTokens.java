package dev.stateless.sample;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Map;

/**
 * Opaque, single-use refresh tokens. Each login starts a family ({@code sid}); every refresh spends
 * the presented token and issues its successor in the same family. Presenting a spent token means
 * it was copied, so the whole family is revoked (reuse detection, RFC 9700 4.14.2): the thief's and
 * the victim's tokens stop working alike, access tokens included.
 *
 * <p>Spending is one Lua script, so two replicas handling the same token at the same moment cannot
 * both succeed. Spent tokens are kept until they would have expired, to recognise their reuse.
 */
final class RefreshTokens {

  /** The owner of a successfully spent token and its successor. */
  record Rotation(String username, String family, String newToken) {}

  /**
   * Creates a token with its expiry in one step, so that no token outlives its lifetime, and records
   * the login for as long as any of its tokens may be valid.
   */
  private static final String CREATE = """
      redis.call('HSET', KEYS[1], 'user', ARGV[1], 'sid', ARGV[2], 'used', '0')
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
      return 'ok'
      """;

  private static final String SPEND = """
      local used = redis.call('HGET', KEYS[1], 'used')
      if not used then return 'unknown' end
      if redis.call('EXISTS', KEYS[3]) == 1 then return 'revoked' end
      if used == '1' then
        redis.call('SET', KEYS[3], '1', 'PX', ARGV[1])
        return 'reused'
      end
      redis.call('HSET', KEYS[1], 'used', '1')
      redis.call('HSET', KEYS[2], 'user', ARGV[2], 'sid', ARGV[3], 'used', '0')
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      redis.call('SET', KEYS[4], '1', 'PX', ARGV[1])
      return 'ok'
      """;

  private final Redis redis;
  private final RedisKeys keys;
  private final RevocationList revocations;
  private final Duration ttl;
  private final Duration familyRevocationTtl;

  RefreshTokens(Redis redis, RedisKeys keys, RevocationList revocations, Duration ttl, Duration accessTokenTtl) {
    this.redis = redis;
    this.keys = keys;
    this.revocations = revocations;
    this.ttl = ttl;
    // A revoked family must stay revoked while any of its tokens, refresh or access, could still be valid.
    this.familyRevocationTtl = (ttl.compareTo(accessTokenTtl) > 0 ? ttl : accessTokenTtl).plusMinutes(1);
  }

  Duration familyRevocationTtl() {
    return familyRevocationTtl;
  }

  /** The first refresh token of a new login family. */
  String issue(String username, String family) {
    String token = OpaqueTokens.random();
    String key = keys.refreshToken(OpaqueTokens.digest(token));
    Redis.call(() -> redis.commands().eval(CREATE, ScriptOutputType.VALUE, new String[] {key, keys.login(family)},
        username, family, Long.toString(ttl.toMillis()), Long.toString(familyRevocationTtl.toMillis())));
    return token;
  }

  /** Spends {@code token} and returns its successor; 401 when it is unknown, expired, revoked or reused. */
  Rotation rotate(String token) {
    String key = keys.refreshToken(OpaqueTokens.digest(token));
    Map<String, String> stored = Redis.call(() -> redis.commands().hgetall(key));
    String username = stored.get("user");
    String family = stored.get("sid");
    if (username == null || family == null) {
      throw ApiException.unauthorized("refresh token unknown or expired");
    }
    String successor = OpaqueTokens.random();
    String successorKey = keys.refreshToken(OpaqueTokens.digest(successor));
    String outcome = Redis.call(() -> redis.commands().eval(SPEND, ScriptOutputType.VALUE,
        new String[] {key, successorKey, keys.revokedFamily(family), keys.login(family)},
        Long.toString(familyRevocationTtl.toMillis()), username, family, Long.toString(ttl.toMillis())));
    return switch (outcome) {
      case "ok" -> new Rotation(username, family, successor);
      case "reused" -> {
        revocations.familyRevokedHere(family);
        throw ApiException.unauthorized("refresh token reused; the session is revoked");
      }
      case "revoked" -> throw ApiException.unauthorized("session revoked");
      default -> throw ApiException.unauthorized("refresh token unknown or expired");
    };
  }
}
