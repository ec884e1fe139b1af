package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtSpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signing key lifecycle of one app: from the stored JWKS, the spec and the time, the JWKS
 * that should be stored now.
 *
 * <ul>
 *   <li>No keys yet: a new key of the spec's algorithm.
 *   <li>The active key (keys[0]) is {@code rotationPeriod} old, or of another algorithm than the
 *       spec's: a new key becomes keys[0]; the old one stays, without its private part, as a
 *       verification key for tokens it signed.
 *   <li>A retired key is removed once {@code tokenTTL} has passed since its retirement, when no
 *       token it signed can still be valid.
 * </ul>
 *
 * <p>All state is in the JWKS itself (see {@link KeyTimestamps}), so a fresh instance over the
 * same JWKS decides the same. Thread-safe; one instance can serve every app.
 */
public final class JwksRotation {

  private final Clock clock;
  private final JwksReader reader = new JwksReader();
  private final JwksWriter writer = new JwksWriter();
  private final SigningKeyGenerator generator;

  public JwksRotation(Clock clock) {
    this(clock, new SecureRandom());
  }

  JwksRotation(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.generator = new SigningKeyGenerator(random);
  }

  /**
   * @param storedJwks the Secret's current {@code jwks.json}, or null when there is none (no
   *     Secret, or no such key in it)
   * @param spec {@code spec.jwt}; unset fields take the documented defaults
   * @throws InvalidSigningKeysException when {@code storedJwks} is not a set this operator can
   *     continue; it must then be left as it is
   * @throws IllegalArgumentException when the spec's durations are malformed or too short
   */
  public RotationResult next(String storedJwks, JwtSpec spec) {
    RotationPolicy policy = RotationPolicy.of(spec);
    Instant now = clock.instant();
    List<PublishedKey> stored = storedJwks == null ? List.of() : reader.read(storedJwks);

    List<PublishedKey> keys = new ArrayList<>(stored);
    if (keys.isEmpty() || policy.needsNewActiveKey(keys.get(0), now)) {
      keys = withNewActiveKey(keys, policy, KeyTimestamps.stamp(now));
    }
    keys.removeIf(key -> key.isRetired() && policy.isExpired(key, now));

    boolean changed = !keys.equals(stored);
    String jwksJson = changed ? writer.write(keys) : storedJwks;
    PublishedKey active = keys.get(0);
    Instant nextRotation = policy.rotationDue(active);
    Instant nextChangeAt = keys.stream()
        .filter(PublishedKey::isRetired)
        .map(policy::removalDue)
        .reduce(nextRotation, (a, b) -> a.isBefore(b) ? a : b);
    Duration delay = Duration.between(now, nextChangeAt);
    return new RotationResult(
        jwksJson, changed, active.id(), nextRotation, nextChangeAt, delay.isNegative() ? Duration.ZERO : delay);
  }

  private List<PublishedKey> withNewActiveKey(List<PublishedKey> keys, RotationPolicy policy, Instant now) {
    Set<String> kidsInUse = keys.stream().map(PublishedKey::id).collect(Collectors.toSet());
    List<PublishedKey> next = new ArrayList<>();
    next.add(generator.generate(policy.algorithm(), now, kidsInUse));
    if (!keys.isEmpty()) {
      next.add(keys.get(0).retiredAt(now));
      next.addAll(keys.subList(1, keys.size()));
    }
    return next;
  }
}
