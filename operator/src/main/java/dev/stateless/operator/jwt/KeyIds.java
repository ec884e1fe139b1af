package dev.stateless.operator.jwt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Key ids that say when the key was made ({@code 2026-11-28T05-45-00Z}), so that people reading
 * tokens or the status can tell keys apart at a glance. Colons are avoided because kids end up
 * in file names and log queries.
 */
final class KeyIds {

  private static final DateTimeFormatter CREATION_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  private KeyIds() {}

  /**
   * The kid for a key created at {@code created}; a {@code -2}, {@code -3}... suffix keeps it
   * unique when another key of the set was created in the same second (an algorithm change right
   * after a rotation, or a clock that went back).
   */
  static String forKeyCreatedAt(Instant created, Set<String> kidsInUse) {
    String base = CREATION_TIME.format(created);
    String kid = base;
    for (int suffix = 2; kidsInUse.contains(kid); suffix++) {
      kid = base + "-" + suffix;
    }
    return kid;
  }
}
