package dev.stateless.benchmarks.sample;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.security.Key;
import java.security.KeyPair;
import javax.crypto.SecretKey;

/**
 * A signing key of each algorithm a StatelessApp may choose (spec.jwt.algorithm), generated as the
 * operator generates them, with the JWK the operator publishes in the app's JWKS Secret.
 */
public record SigningKeys(String kid, String algorithm, Key signingKey, Key verificationKey,
    SecureDigestAlgorithm<Key, ?> signatureAlgorithm, String privateJwk) {

  public static SigningKeys generate(String algorithm, String kid) {
    return switch (algorithm) {
      case "HS256" -> {
        SecretKey secret = Jwts.SIG.HS256.key().build();
        Jwk<?> jwk = Jwks.builder().key(secret).id(kid).algorithm("HS256").add("use", "sig").build();
        yield new SigningKeys(kid, algorithm, secret, secret, cast(Jwts.SIG.HS256), Jwks.UNSAFE_JSON(jwk));
      }
      case "ES256" -> asymmetric(kid, algorithm, Jwts.SIG.ES256.keyPair().build(), cast(Jwts.SIG.ES256));
      case "EdDSA" -> asymmetric(kid, algorithm, Jwks.CRV.Ed25519.keyPair().build(), cast(Jwts.SIG.EdDSA));
      default -> throw new IllegalArgumentException("unsupported algorithm " + algorithm);
    };
  }

  private static SigningKeys asymmetric(String kid, String algorithm, KeyPair pair, SecureDigestAlgorithm<Key, ?> signature) {
    Jwk<?> jwk = Jwks.builder().keyPair(pair).id(kid).algorithm(algorithm).publicKeyUse("sig").build();
    return new SigningKeys(kid, algorithm, pair.getPrivate(), pair.getPublic(), signature, Jwks.UNSAFE_JSON(jwk));
  }

  /** The JWKS document with this key active, as the app reads it from its mounted Secret. */
  public String jwks() {
    return "{\"keys\":[" + privateJwk + "]}";
  }

  @SuppressWarnings("unchecked")
  private static SecureDigestAlgorithm<Key, ?> cast(SecureDigestAlgorithm<?, ?> algorithm) {
    return (SecureDigestAlgorithm<Key, ?>) algorithm;
  }
}
