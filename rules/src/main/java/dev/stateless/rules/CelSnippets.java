package dev.stateless.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Small CEL building blocks the pod rules share, so their expressions read alike. */
final class CelSnippets {

  private CelSnippets() {}

  /** The names of init, regular and ephemeral containers ({@code c}) for which the condition holds. */
  static String containerNamesWhere(String condition) {
    return namesIn("initContainers", condition)
        + " + "
        + namesIn("containers", condition)
        + " + "
        + namesIn("ephemeralContainers", condition);
  }

  /** Regular containers ({@code c}) for which the condition holds. */
  static String regularContainerNamesWhere(String condition) {
    return namesIn("containers", condition);
  }

  /** The names of the pod's volumes ({@code v}) for which the condition holds. */
  static String volumeNamesWhere(String condition) {
    return "variables.volumes.filter(v, " + condition + ").map(v, v.name)";
  }

  /** A CEL list literal of strings. */
  static String list(List<String> values) {
    return values.stream().map(CelSnippets::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code 'prefix ' + offenders.join(', ') + suffix}. */
  static String message(String prefix, String offenders, String suffix) {
    return quote(prefix) + " + " + offenders + ".join(', ') + " + quote(suffix);
  }

  private static String namesIn(String list, String condition) {
    // Containers are separate lists of different types in the schema; concatenating the name lists
    // (all strings) keeps the expression well-typed.
    return "(has(object.spec." + list + ") ? object.spec." + list + ".filter(c, " + condition + ").map(c, c.name) : [])";
  }
}
