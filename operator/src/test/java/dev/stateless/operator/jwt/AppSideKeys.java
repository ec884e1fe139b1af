package dev.stateless.operator.jwt;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.SecurityException;
import java.security.Key;

/**
 * What an app does with the mounted JWKS, as the tests need it: sign with keys[0]; verify by
 * kid against the whole set, accepting only the algorithm the set names for that kid.
 */
final class AppSideKeys {

  private AppSideKeys() {}

  static JwkSet parse(String jwksJson) {
    return Jwks.setParser().ignoreUnsupported(false).build().parse(jwksJson);
  }

  static String sign(String jwksJson, String activeKid, String subject) {
    Jwk<?> active = find(parse(jwksJson), activeKid);
    return Jwts.builder().header().keyId(activeKid).and().subject(subject).signWith(active.toKey()).compact();
  }

  /** Signs with a key given on its own, as the upcoming key's private JWK is stored. */
  static String signWithKey(String privateJwkJson, String subject) {
    Jwk<?> jwk = Jwks.parser().build().parse(privateJwkJson);
    return Jwts.builder().header().keyId(jwk.getId()).and().subject(subject).signWith(jwk.toKey()).compact();
  }

  static boolean verifies(String jwksJson, String token) {
    JwkSet set = parse(jwksJson);
    try {
      Jwts.parser()
          .keyLocator(header -> {
            Jwk<?> jwk = find(set, (String) header.get("kid"));
            if (!jwk.getAlgorithm().equals(header.getAlgorithm())) {
              throw new SecurityException("token alg does not match the key's");
            }
            return verificationKey(jwk);
          })
          .build()
          .parseSignedClaims(token);
      return true;
    } catch (JwtException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Key verificationKey(Jwk<?> jwk) {
    return jwk instanceof PrivateJwk<?, ?, ?> privateJwk ? privateJwk.toPublicJwk().toKey() : jwk.toKey();
  }

  private static Jwk<?> find(JwkSet set, String kid) {
    for (Jwk<?> jwk : set) {
      if (jwk.getId().equals(kid)) {
        return jwk;
      }
    }
    throw new SecurityException("no key with that kid in the set");
  }
}
