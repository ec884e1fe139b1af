package dev.stateless.operator.jwt;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Where a key's lifecycle lives: extra members of the JWK itself, as RFC 3339 UTC times.
 *
 * <p>RFC 7517 section 4 tells consumers to ignore members they do not understand, and jjwt's JWK
 * set parser keeps them; so the JWKS stays a plain, valid set for every consumer while the
 * operator can recover all of its state from it after a restart. The names are qualified with the
 * project's domain so that they can never collide with a registered JWK parameter.
 */
final class KeyTimestamps {

  /** When the key was generated; present on every key. */
  static final String CREATED = "stateless.dev/created";

  /** When the key stopped being the signing key; present on every retired key. */
  static final String RETIRED = "stateless.dev/retired";

  /**
   * When a published upcoming key will become keys[0]; present on that key only, and dropped when
   * it is promoted.
   */
  static final String ACTIVATES = "stateless.dev/activates";

  /**
   * When a key became keys[0], on keys that were promoted from upcoming (it stays when they are
   * retired). Their rotation period counts from here, not from their creation, which came a lead
   * time earlier; a key without it started signing when it was created.
   */
  static final String ACTIVATED = "stateless.dev/activated";

  private KeyTimestamps() {}

  /** Whole seconds, so that the stored time and the kid derived from it read the same. */
  static Instant stamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  static String format(Instant instant) {
    return instant.toString();
  }

  /** @return the time, or null when the value is not an RFC 3339 UTC time */
  static Instant parseOrNull(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
