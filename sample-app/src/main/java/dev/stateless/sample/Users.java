package dev.stateless.sample;

import io.lettuce.core.SetArgs;
import java.util.regex.Pattern;

/** Accounts: a username and a slow password hash in Redis, nothing else. */
final class Users {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 256;

  private final Redis redis;
  private final RedisKeys keys;
  private final Passwords passwords;
  /** A hash takes a core for a few hundred milliseconds, on purpose: two per core at most. */
  private final WorkLimit hashing = new WorkLimit("password checks", 2 * Runtime.getRuntime().availableProcessors());

  Users(Redis redis, RedisKeys keys, Passwords passwords) {
    this.redis = redis;
    this.keys = keys;
    this.passwords = passwords;
  }

  /** Creates the account, or 409 when the name is taken (decided by Redis, so two replicas cannot both win). */
  void signUp(String username, String password) {
    validate(username, password);
    String hash = hashing.run(() -> passwords.hash(password.toCharArray()));
    String created = Redis.call(() -> redis.commands().set(keys.user(username), hash, SetArgs.Builder.nx()));
    if (!"OK".equals(created)) {
      throw ApiException.conflict("username already taken");
    }
  }

  /** True for the right password of an existing user; as slow for unknown users as for known ones. */
  boolean authenticate(String username, String password) {
    if (!USERNAME.matcher(username).matches() || password.length() > MAX_PASSWORD) {
      return false;
    }
    String stored = Redis.call(() -> redis.commands().get(keys.user(username)));
    return hashing.run(() -> passwords.matches(password.toCharArray(), stored));
  }

  private static void validate(String username, String password) {
    if (!USERNAME.matcher(username).matches()) {
      throw ApiException.badRequest("username must be 3 to 64 letters, digits, '.', '_' or '-'");
    }
    if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw ApiException.badRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }
}
