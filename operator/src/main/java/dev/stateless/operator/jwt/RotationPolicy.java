package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.Durations;
import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.JwtSpec;
import java.time.Duration;
import java.time.Instant;

/** What {@code spec.jwt} asks for, parsed once, and the due-times that follow from it. */
record RotationPolicy(JwtAlgorithm algorithm, Duration rotationPeriod, Duration tokenTtl) {

  /**
   * Below a second, a key stamped at whole seconds could be due again the moment it is made, and
   * the operator would rotate in a loop.
   */
  static final Duration SHORTEST_ROTATION_PERIOD = Duration.ofSeconds(1);

  RotationPolicy {
    if (rotationPeriod.compareTo(SHORTEST_ROTATION_PERIOD) < 0) {
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

  Instant rotationDue(PublishedKey active) {
    return active.created().plus(rotationPeriod);
  }

  Instant removalDue(PublishedKey retired) {
    return retired.retired().plus(tokenTtl);
  }

  /** A new signing key is due when the active one is old enough or of another algorithm. */
  boolean needsNewActiveKey(PublishedKey active, Instant now) {
    return !active.algorithm().equals(algorithm.name()) || !now.isBefore(rotationDue(active));
  }

  boolean isExpired(PublishedKey retired, Instant now) {
    return !now.isBefore(removalDue(retired));
  }
}
