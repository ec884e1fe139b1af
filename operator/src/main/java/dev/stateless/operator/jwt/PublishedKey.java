package dev.stateless.operator.jwt;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One key of the set with the lifecycle times read from it.
 *
 * @param jwk the key as published: private for the active key, public (or, for HS256, the same
 *     symmetric key) once retired
 * @param created when it was generated
 * @param retired when it stopped signing; null for the active key
 */
record PublishedKey(Jwk<?> jwk, Instant created, Instant retired) {

  String id() {
    return jwk.getId();
  }

  String algorithm() {
    return jwk.getAlgorithm();
  }

  boolean isRetired() {
    return retired != null;
  }

  /**
   * This key as a verification-only key, retired at {@code when}: the private part of an
   * asymmetric key is dropped; a symmetric key has no public part, so it stays as it is.
   */
  PublishedKey retiredAt(Instant when) {
    Jwk<?> verificationKey = jwk instanceof PrivateJwk<?, ?, ?> privateJwk ? privateJwk.toPublicJwk() : jwk;
    // Copying the members keeps everything the key carried (kid, alg, use, created, any extra).
    Map<String, Object> members = new LinkedHashMap<>(verificationKey);
    members.put(KeyTimestamps.RETIRED, KeyTimestamps.format(when));
    return new PublishedKey(Jwks.builder().add(members).build(), created, when);
  }
}
