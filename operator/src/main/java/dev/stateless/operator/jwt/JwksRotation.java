package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtSpec;
import io.jsonwebtoken.security.Jwk;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signing key lifecycle of one app: from the stored JWKS, the stored private part of the
 * upcoming key, the spec and the time, what should be stored now.
 *
 * <ul>
 *   <li>No keys yet: a new key of the spec's algorithm, signing at once (no replica can hold a
 *       token yet).
 *   <li>The active key (keys[0]) is due for rotation within the lead time (see
 *       {@link RotationPolicy#leadTime()}), or is of another algorithm than the spec's: a new key is
 *       published as the upcoming key, verification form only, with its activation time; its
 *       private part goes to the separate next-key Secret. Replicas see Secret updates up to a
 *       minute or two apart, so every replica can verify the new key's tokens before any signs one.
 *   <li>The upcoming key's activation time has come: it becomes keys[0] with its private part; the
 *       old one stays, without its private part, as a verification key for tokens it signed.
 *   <li>An upcoming key whose private part is missing or does not match is dropped and, if one is
 *       due, replaced by a fresh one, again a full lead time ahead: a key is never promoted
 *       without its private part, nor used before it had time to reach every replica.
 *   <li>A retired key is removed once {@code tokenTTL} has passed since its retirement, when no
 *       token it signed can still be valid.
 * </ul>
 *
 * <p>All state is in the two stored values (see {@link KeyTimestamps}), so a fresh instance over
 * the same values decides the same. Thread-safe; one instance can serve every app.
 */
public final class JwksRotation {

  private final Clock clock;
  private final JwksReader reader = new JwksReader();
  private final JwksWriter writer = new JwksWriter();
  private final UpcomingKeySecret upcomingKeySecret = new UpcomingKeySecret();
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
   * @param storedUpcomingKey the next-key Secret's private JWK, or null when there is none
   * @param spec {@code spec.jwt}; unset fields take the documented defaults
   * @throws InvalidSigningKeysException when {@code storedJwks} is not a set this operator can
   *     continue; both must then be left as they are
   * @throws IllegalArgumentException when the spec's durations are malformed or too short
   */
  public RotationResult next(String storedJwks, String storedUpcomingKey, JwtSpec spec) {
    RotationPolicy policy = RotationPolicy.of(spec);
    Instant now = clock.instant();
    Instant stampedNow = KeyTimestamps.stamp(now);
    List<PublishedKey> stored = storedJwks == null ? List.of() : reader.read(storedJwks);

    List<PublishedKey> keys = new ArrayList<>(stored);
    String upcomingKeyJson = null;
    if (keys.isEmpty()) {
      keys.add(generator.generate(policy.algorithm(), stampedNow, Set.of()));
    } else {
      Optional<PublishedKey> upcoming = keys.stream().filter(PublishedKey::isUpcoming).findFirst();
      Optional<Jwk<?>> signingPart = upcoming
          .filter(policy::hasSpecAlgorithm)
          .flatMap(key -> upcomingKeySecret.signingPartOf(key, storedUpcomingKey));
      if (upcoming.isPresent() && signingPart.isEmpty()) {
        keys.remove(upcoming.get());
        upcoming = Optional.empty();
      }
      if (upcoming.isPresent() && !now.isBefore(upcoming.get().activates())) {
        keys = promoted(keys, upcoming.get(), signingPart.get(), stampedNow);
      } else if (upcoming.isPresent()) {
        upcomingKeyJson = storedUpcomingKey;
      } else if (policy.needsUpcomingKey(keys.get(0), now)) {
        // Unique among the stored keys too: a dropped upcoming key's kid may still be on some replicas.
        PublishedKey next = generator.generate(policy.algorithm(), stampedNow, kidsOf(stored));
        keys.add(1, next.upcomingAt(policy.activationFor(keys.get(0), stampedNow)));
        upcomingKeyJson = upcomingKeySecret.write(next);
      }
    }
    keys.removeIf(key -> key.isRetired() && policy.isExpired(key, now));

    boolean changed = !keys.equals(stored);
    String jwksJson = changed ? writer.write(keys) : storedJwks;
    PublishedKey active = keys.get(0);
    Optional<PublishedKey> upcoming = keys.stream().filter(PublishedKey::isUpcoming).findFirst();
    Instant nextRotation = upcoming.map(PublishedKey::activates).orElse(policy.rotationDue(active));
    Instant nextKeyChange = upcoming.map(PublishedKey::activates).orElse(policy.publicationDue(active));
    Instant nextChangeAt = keys.stream()
        .filter(PublishedKey::isRetired)
        .map(policy::removalDue)
        .reduce(nextKeyChange, (a, b) -> a.isBefore(b) ? a : b);
    Duration delay = Duration.between(now, nextChangeAt);
    return new RotationResult(jwksJson, changed, upcomingKeyJson, !Objects.equals(upcomingKeyJson, storedUpcomingKey),
        active.id(), nextRotation, nextChangeAt, delay.isNegative() ? Duration.ZERO : delay);
  }

  /** The upcoming key as keys[0], the active one retired right after it, the retired ones after them. */
  private static List<PublishedKey> promoted(List<PublishedKey> keys, PublishedKey upcoming, Jwk<?> signingPart, Instant now) {
    List<PublishedKey> next = new ArrayList<>();
    next.add(upcoming.promotedAt(now, signingPart));
    next.add(keys.get(0).retiredAt(now));
    keys.stream().filter(PublishedKey::isRetired).forEach(next::add);
    return next;
  }

  private static Set<String> kidsOf(List<PublishedKey> keys) {
    return keys.stream().map(PublishedKey::id).collect(Collectors.toSet());
  }
}
