package dev.stateless.operator.jwt;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Whether a private key belongs to a public key. jjwt does not check it when it parses a private
 * JWK, and a mismatch would make every token the app signs fail verification: one signature
 * proves it.
 */
final class KeyPairCheck {

  private KeyPairCheck() {}

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      String probe = Jwts.builder().subject("key-pair-check").signWith(privateKey).compact();
      Jwts.parser().verifyWith(publicKey).build().parseSignedClaims(probe);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
