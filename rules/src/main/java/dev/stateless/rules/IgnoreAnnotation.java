package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The per-object opt-out {@code stateless.dev/ignore: <rule-id>[,<rule-id>]}. Violations it covers
 * are marked suppressed rather than dropped, so an opt-out is always visible in reports.
 */
final class IgnoreAnnotation {

  private IgnoreAnnotation() {}

  /** The rule ids ignored by any of the given metadata (e.g. a Deployment and its pod template). */
  static Set<String> ruleIdsIgnoredBy(ObjectMeta... metadata) {
    Set<String> ids = new LinkedHashSet<>();
    for (ObjectMeta meta : metadata) {
      if (meta != null && meta.getAnnotations() != null) {
        String value = meta.getAnnotations().get(PodContract.IGNORE_ANNOTATION);
        if (value != null) {
          Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(ids::add);
        }
      }
    }
    return ids;
  }

  static List<RuleViolation> apply(List<RuleViolation> violations, ObjectMeta... metadata) {
    Set<String> ignored = ruleIdsIgnoredBy(metadata);
    if (ignored.isEmpty()) {
      return violations;
    }
    return violations.stream().map(v -> ignored.contains(v.ruleId()) ? v.suppress() : v).toList();
  }

  /** The CEL test, over the policy's {@code variables.ignoredRules}, of whether a rule is ignored. */
  static String celIgnores(Rule rule) {
    return "variables.ignoredRules.matches(" + CelSnippets.quote("(^|,)\\s*" + rule.id() + "\\s*(,|$)") + ")";
  }
}
