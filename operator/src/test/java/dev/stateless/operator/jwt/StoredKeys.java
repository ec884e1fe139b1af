package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtSpec;

/** What the two Secrets hold, carried from one evaluation to the next as the operator would. */
final class StoredKeys {

  private final JwksRotation rotation;
  String jwks;
  String upcomingKey;

  StoredKeys(JwksRotation rotation) {
    this.rotation = rotation;
  }

  RotationResult evaluate(JwtSpec spec) {
    RotationResult result = rotation.next(jwks, upcomingKey, spec);
    jwks = result.jwksJson();
    upcomingKey = result.upcomingKeyJson();
    return result;
  }
}
