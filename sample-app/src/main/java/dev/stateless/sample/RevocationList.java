package dev.stateless.sample;

import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Revoked access tokens (by {@code jti}) and revoked logins (by session family {@code sid}), kept
 * in Redis so every replica sees them, until the last token they concern has expired.
 *
 * <p>Every authenticated request asks this list about three keys (the login's record, the token's
 * revocation, the login's revocation) in one question to {@link TrackedKeys}, a local view that
 * Redis invalidates, so the check costs no round trip once a replica has seen a token, and a
 * revocation is seen by every replica as soon as Redis has sent the invalidation, which happens
 * before the revoking request is answered.
 */
final class RevocationList {

  private final Redis redis;
  private final RedisKeys keys;
  private final TrackedKeys view;
  private final Clock clock;

  RevocationList(Redis redis, RedisKeys keys, TrackedKeys view, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.view = view;
    this.clock = clock;
  }

  /** Revokes one access token until it would have expired anyway (plus a margin for clock skew). */
  void revokeToken(String tokenId, Instant expiresAt) {
    Duration remaining = Duration.between(clock.instant(), expiresAt).plusMinutes(1);
    set(keys.revokedToken(tokenId), remaining);
  }

  /** Revokes a whole login: its access tokens, refresh tokens and server-side session. */
  void revokeFamily(String family, Duration lifetime) {
    set(keys.revokedFamily(family), lifetime.plusMinutes(1));
  }

  /** Records that this process has just revoked {@code family} by other means (a Redis script). */
  void familyRevokedHere(String family) {
    view.forget(keys.revokedFamily(family));
    flushBarrier();
  }

  /** Whether an access token may still be used, and if not, why. */
  enum TokenStanding {
    USABLE,
    /** The token or its whole login was revoked. */
    REVOKED,
    /**
     * Redis holds no record of its login: expired, made before logins had records, or lost with
     * Redis's data (a revocation list that lost its entries must not let revoked tokens back in).
     */
    LOGIN_UNKNOWN
  }

  TokenStanding standing(TokenService.AccessToken token) {
    long found = view.existing(keys.login(token.sessionFamily()),
        keys.revokedToken(token.tokenId()), keys.revokedFamily(token.sessionFamily()));
    if ((found & (TOKEN_REVOKED | LOGIN_REVOKED)) != 0) {
      return TokenStanding.REVOKED;
    }
    return (found & LOGIN_RECORDED) != 0 ? TokenStanding.USABLE : TokenStanding.LOGIN_UNKNOWN;
  }

  private static final long LOGIN_RECORDED = 1;
  private static final long TOKEN_REVOKED = 1 << 1;
  private static final long LOGIN_REVOKED = 1 << 2;

  boolean isFamilyRevoked(String family) {
    return view.exists(keys.revokedFamily(family));
  }

  private void set(String key, Duration ttl) {
    long millis = Math.max(1_000, ttl.toMillis());
    Redis.call(() -> redis.commands().set(key, "1", SetArgs.Builder.px(millis)));
    view.forget(key);
    flushBarrier();
  }

  /**
   * Returns once Redis has written out the invalidations caused by our previous command: Redis
   * sends a write's invalidations in the same event-loop turn as its reply, so the reply to a later
   * command proves they have left. A logout answered after this cannot overtake its own revocation
   * on the way to another replica.
   */
  private void flushBarrier() {
    Redis.call(() -> redis.commands().ping());
  }
}
