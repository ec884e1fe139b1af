package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import javax.crypto.SecretKey;

/** Makes new signing keys, as private JWKs ready to be keys[0]. */
final class SigningKeyGenerator {

  static final String SIGNATURE_USE = "sig";

  private final SecureRandom random;

  SigningKeyGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * @param created the key's creation time, already at whole seconds
   * @param kidsInUse kids of the keys it will be published beside, so its own kid is unique
   */
  PublishedKey generate(JwtAlgorithm algorithm, Instant created, Set<String> kidsInUse) {
    String kid = KeyIds.forKeyCreatedAt(created, kidsInUse);
    String createdAt = KeyTimestamps.format(created);
    Jwk<?> jwk = switch (algorithm) {
      case ES256 -> asymmetric(Jwts.SIG.ES256.keyPair().random(random).build(), kid, algorithm, createdAt);
      case EdDSA -> asymmetric(Jwks.CRV.Ed25519.keyPair().random(random).build(), kid, algorithm, createdAt);
      case HS256 -> symmetric(Jwts.SIG.HS256.key().random(random).build(), kid, createdAt);
    };
    return new PublishedKey(jwk, created, null);
  }

  private static Jwk<?> asymmetric(KeyPair pair, String kid, JwtAlgorithm algorithm, String createdAt) {
    return Jwks.builder()
        .keyPair(pair)
        .id(kid)
        .algorithm(algorithm.name())
        .publicKeyUse(SIGNATURE_USE)
        .add(KeyTimestamps.CREATED, createdAt)
        .build();
  }

  private static Jwk<?> symmetric(SecretKey key, String kid, String createdAt) {
    return Jwks.builder()
        .key(key)
        .id(kid)
        .algorithm(JwtAlgorithm.HS256.name())
        // jjwt's secret-key builder has no publicKeyUse(); the contract wants `use` on every key.
        .add("use", SIGNATURE_USE)
        .add(KeyTimestamps.CREATED, createdAt)
        .build();
  }
}
