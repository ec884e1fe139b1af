package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the signing keys should be now, and when they next need attention.
 *
 * @param jwksJson the JWKS to store under {@code jwks.json}; the very input string when
 *     {@code changed} is false, so an unchanged Secret needs no write
 * @param changed whether a key was generated, rotated or removed
 * @param activeKeyId kid of keys[0], the key the app signs with
 * @param nextRotation when the active key will be replaced
 * @param nextChangeAt the earliest of {@code nextRotation} and the removal of a retired key:
 *     nothing changes before then
 * @param delayUntilNextChange from the evaluation time to {@code nextChangeAt}, for rescheduling
 */
public record RotationResult(
    String jwksJson,
    boolean changed,
    String activeKeyId,
    Instant nextRotation,
    Instant nextChangeAt,
    Duration delayUntilNextChange) {

  /** {@code status.jwt}, with {@code nextRotation} in RFC 3339 UTC. */
  public JwtStatus status() {
    return new JwtStatus(activeKeyId, nextRotation.toString());
  }
}
