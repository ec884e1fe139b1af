package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the signing keys should be now, and when they next need attention.
 *
 * @param jwksJson the JWKS to store under {@code jwks.json}; the very input string when
 *     {@code changed} is false, so an unchanged Secret needs no write
 * @param changed whether a key was generated, published, promoted, rotated or removed
 * @param upcomingKeyJson the private JWK of the upcoming key, for the next-key Secret; the very
 *     input string when it is unchanged; null when there is no upcoming key (no such Secret)
 * @param upcomingKeyChanged whether {@code upcomingKeyJson} differs from what was stored
 * @param activeKeyId kid of keys[0], the key the app signs with
 * @param nextRotation when the active key will be replaced
 * @param nextChangeAt the earliest of the next publication, activation and retired-key removal:
 *     nothing changes before then
 * @param delayUntilNextChange from the evaluation time to {@code nextChangeAt}, for rescheduling
 */
public record RotationResult(
    String jwksJson,
    boolean changed,
    String upcomingKeyJson,
    boolean upcomingKeyChanged,
    String activeKeyId,
    Instant nextRotation,
    Instant nextChangeAt,
    Duration delayUntilNextChange) {

  /** {@code status.jwt}, with {@code nextRotation} in RFC 3339 UTC. */
  public JwtStatus status() {
    return new JwtStatus(activeKeyId, nextRotation.toString());
  }

  /** Without the key material, which a record would print in full. */
  @Override
  public String toString() {
    return "RotationResult[changed=" + changed + ", upcomingKeyChanged=" + upcomingKeyChanged
        + ", hasUpcomingKey=" + (upcomingKeyJson != null) + ", activeKeyId=" + activeKeyId
        + ", nextRotation=" + nextRotation + ", nextChangeAt=" + nextChangeAt + "]";
  }
}
