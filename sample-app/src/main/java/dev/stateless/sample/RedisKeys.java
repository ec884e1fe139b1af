package dev.stateless.sample;

/**
 * Every Redis key the app uses, in one place, all under {@code REDIS_KEY_PREFIX} so that several
 * apps can share one Redis without seeing each other's data.
 */
final class RedisKeys {

  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  /** The password hash of a user. */
  String user(String username) {
    return prefix + "user:" + username;
  }

  /** A refresh token, by the SHA-256 of its value: a Redis dump never holds usable tokens. */
  String refreshToken(String tokenHash) {
    return prefix + "refresh:" + tokenHash;
  }

  /** A classic server-side session id, resolved with one GET per request. */
  String session(String sessionIdHash) {
    return prefix + "session:" + sessionIdHash;
  }

  String cart(String username) {
    return prefix + "cart:" + username;
  }

  /** Present while the access token with this {@code jti} is revoked. */
  String revokedToken(String tokenId) {
    return prefix + "revoked:jti:" + tokenId;
  }

  /**
   * Present while this login (family {@code sid}) may still be used: its access tokens are accepted
   * only while Redis holds it, so a Redis that lost all its data refuses them instead of forgetting
   * their revocations.
   */
  String login(String family) {
    return prefix + "login:" + family;
  }

  /** Present while every token of this login (access, refresh and session) is revoked. */
  String revokedFamily(String family) {
    return prefix + "revoked:sid:" + family;
  }
}
