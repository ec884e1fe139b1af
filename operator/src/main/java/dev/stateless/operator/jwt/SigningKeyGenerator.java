package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
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
    Map<String, String> times = Map.of(KeyTimestamps.CREATED, KeyTimestamps.format(created));
    Jwk<?> jwk = switch (algorithm) {
      case ES256 -> asymmetric(Jwts.SIG.ES256.keyPair().random(random).build(), kid, algorithm, times);
      case EdDSA -> asymmetric(Jwks.CRV.Ed25519.keyPair().random(random).build(), kid, algorithm, times);
      case HS256 -> symmetric(Jwts.SIG.HS256.key().random(random).build(), kid, times);
    };
    return PublishedKey.generated(jwk, created);
  }

  /**
   * The same signing key with other lifecycle members. Rebuilt from the key material rather than
   * copied member by member: jjwt hands private members out redacted.
   */
  static Jwk<?> withTimes(Jwk<?> signingJwk, Map<String, String> times) {
    JwtAlgorithm algorithm = JwtAlgorithm.valueOf(signingJwk.getAlgorithm());
    if (signingJwk instanceof PrivateJwk<?, ?, ?> privateJwk) {
      return asymmetric(privateJwk.toKeyPair().toJavaKeyPair(), signingJwk.getId(), algorithm, times);
    }
    if (signingJwk instanceof SecretJwk secretJwk) {
      return symmetric(secretJwk.toKey(), signingJwk.getId(), times);
    }
    throw new IllegalArgumentException("not a signing key");
  }

  private static Jwk<?> asymmetric(KeyPair pair, String kid, JwtAlgorithm algorithm, Map<String, String> times) {
    var builder = Jwks.builder()
        .keyPair(pair)
        .id(kid)
        .algorithm(algorithm.name())
        .publicKeyUse(SIGNATURE_USE);
    times.forEach(builder::add);
    return builder.build();
  }

  private static Jwk<?> symmetric(SecretKey key, String kid, Map<String, String> times) {
    var builder = Jwks.builder()
        .key(key)
        .id(kid)
        .algorithm(JwtAlgorithm.HS256.name())
        // jjwt's secret-key builder has no publicKeyUse(); the contract wants `use` on every key.
        .add("use", SIGNATURE_USE);
    times.forEach(builder::add);
    return builder.build();
  }
}
