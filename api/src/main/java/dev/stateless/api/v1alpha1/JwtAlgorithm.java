package dev.stateless.api.v1alpha1;

/** Signature algorithms the operator can generate keys for (JWA names). */
public enum JwtAlgorithm {
  /** ECDSA on P-256 with SHA-256. */
  ES256,
  /** Ed25519. */
  EdDSA,
  /** HMAC with SHA-256 and a 256-bit random key; every replica then holds the secret. */
  HS256
}
