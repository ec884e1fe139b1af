package dev.stateless.operator.jwt;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One key of the set with the lifecycle times read from it. A key is upcoming (published ahead,
 * {@code activates} set), active (keys[0]) or retired ({@code retired} set).
 *
 * @param jwk the key as published: private for the active key, public (or, for HS256, the same
 *     symmetric key) when upcoming or retired
 * @param created when it was generated
 * @param activated when it became keys[0], for keys promoted from upcoming; null otherwise
 * @param activates when it will become keys[0]; null unless it is the upcoming key
 * @param retired when it stopped signing; null unless retired
 */
record PublishedKey(Jwk<?> jwk, Instant created, Instant activated, Instant activates, Instant retired) {

  /** A key as generated: private, not yet published. */
  static PublishedKey generated(Jwk<?> jwk, Instant created) {
    return new PublishedKey(jwk, created, null, null, null);
  }

  String id() {
    return jwk.getId();
  }

  String algorithm() {
    return jwk.getAlgorithm();
  }

  boolean isRetired() {
    return retired != null;
  }

  boolean isUpcoming() {
    return activates != null;
  }

  /** When it started (or, for a key that was never promoted, would have started) signing. */
  Instant signingSince() {
    return activated != null ? activated : created;
  }

  /**
   * This key as a verification-only key, retired at {@code when}: the private part of an
   * asymmetric key is dropped; a symmetric key has no public part, so it stays as it is.
   */
  PublishedKey retiredAt(Instant when) {
    Map<String, Object> members = verificationMembers();
    members.put(KeyTimestamps.RETIRED, KeyTimestamps.format(when));
    return new PublishedKey(Jwks.builder().add(members).build(), created, activated, null, when);
  }

  /** This (generated) key as the upcoming key of the set: its verification form, activating at {@code when}. */
  PublishedKey upcomingAt(Instant when) {
    Map<String, Object> members = verificationMembers();
    members.put(KeyTimestamps.ACTIVATES, KeyTimestamps.format(when));
    return new PublishedKey(Jwks.builder().add(members).build(), created, null, when, null);
  }

  /**
   * This upcoming key as keys[0], with {@code signingJwk}, its private part, kept apart until now.
   * The activation time is recorded so its rotation period counts from the promotion.
   */
  PublishedKey promotedAt(Instant when, Jwk<?> signingJwk) {
    Map<String, String> times = new LinkedHashMap<>();
    times.put(KeyTimestamps.CREATED, KeyTimestamps.format(created));
    times.put(KeyTimestamps.ACTIVATED, KeyTimestamps.format(when));
    return new PublishedKey(SigningKeyGenerator.withTimes(signingJwk, times), created, when, null, null);
  }

  // Copying the members keeps everything the key carried (kid, alg, use, created, any extra).
  private Map<String, Object> verificationMembers() {
    Jwk<?> verificationKey = jwk instanceof PrivateJwk<?, ?, ?> privateJwk ? privateJwk.toPublicJwk() : jwk;
    return new LinkedHashMap<>(verificationKey);
  }
}
