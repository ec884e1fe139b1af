package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.Durations;
import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.JwtSpec;
import java.time.Duration;
import java.time.Instant;

/** What {@code spec.jwt} asks for, parsed once, and the due-times that follow from it. */
record RotationPolicy(JwtAlgorithm algorithm, Duration rotationPeriod, Duration tokenTtl) {

  /**
   * How long before its activation the next key is published. The kubelet refreshes a mounted
   * Secret pod by pod, up to its sync period (1 minute by default) plus its cache delay apart; a
   * key published this long ahead is known to every replica before any replica signs with it.
   */
  static final Duration PUBLISH_AHEAD = Duration.ofMinutes(5);

  RotationPolicy {
    if (rotationPeriod.compareTo(JwtSpec.SHORTEST_ROTATION_PERIOD) < 0) {
      throw new IllegalArgumentException("spec.jwt.rotationPeriod must be at least 1s");
    }
    if (tokenTtl.isNegative()) {
      throw new IllegalArgumentException("spec.jwt.tokenTTL must not be negative");
    }
  }

  /**
   * Reads the spec, applying the documented defaults to unset fields (objects built in code, as
   * the render command does, skip the API server's defaulting).
   *
   * @throws IllegalArgumentException naming the field when a duration is malformed or too short
   */
  static RotationPolicy of(JwtSpec spec) {
    JwtSpec given = spec == null ? new JwtSpec() : spec;
    JwtAlgorithm algorithm = given.getAlgorithm() == null ? JwtAlgorithm.ES256 : given.getAlgorithm();
    return new RotationPolicy(
        algorithm,
        duration("rotationPeriod", given.getRotationPeriod(), JwtSpec.DEFAULT_ROTATION_PERIOD),
        duration("tokenTTL", given.getTokenTTL(), JwtSpec.DEFAULT_TOKEN_TTL));
  }

  private static Duration duration(String field, String value, String fallback) {
    try {
      return Durations.parse(value == null ? fallback : value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spec.jwt." + field + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #PUBLISH_AHEAD}, but never more than half the rotation period: a short period (tests use
   * seconds) would otherwise have its next key published before the current one even started.
   */
  Duration leadTime() {
    Duration half = rotationPeriod.dividedBy(2);
    return half.compareTo(PUBLISH_AHEAD) < 0 ? half : PUBLISH_AHEAD;
  }

  /** When the active key is due for replacement: a rotation period after it started signing. */
  Instant rotationDue(PublishedKey active) {
    return active.signingSince().plus(rotationPeriod);
  }

  /** When the key that replaces the active one is due to be published. */
  Instant publicationDue(PublishedKey active) {
    return rotationDue(active).minus(leadTime());
  }

  /**
   * An upcoming key is due when the active key's rotation is within the lead time, and at once when
   * the spec asks for another algorithm than the active key's.
   */
  boolean needsUpcomingKey(PublishedKey active, Instant now) {
    return !hasSpecAlgorithm(active) || !now.isBefore(publicationDue(active));
  }

  /**
   * When a key published at {@code now} may start signing: at the active key's due time, but never
   * before the lead time has passed, so that every replica has it. An algorithm change does not
   * wait for the due time.
   */
  Instant activationFor(PublishedKey active, Instant now) {
    Instant earliest = now.plus(leadTime());
    if (!hasSpecAlgorithm(active)) {
      return earliest;
    }
    Instant due = rotationDue(active);
    return due.isAfter(earliest) ? due : earliest;
  }

  boolean hasSpecAlgorithm(PublishedKey key) {
    return key.algorithm().equals(algorithm.name());
  }

  Instant removalDue(PublishedKey retired) {
    return retired.retired().plus(tokenTtl);
  }

  boolean isExpired(PublishedKey retired, Instant now) {
    return !now.isBefore(removalDue(retired));
  }
}
