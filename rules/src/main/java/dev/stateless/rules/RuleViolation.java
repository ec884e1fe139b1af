package dev.stateless.rules;

import dev.stateless.api.v1alpha1.Violation;

/**
 * One broken rule on one part of one object.
 *
 * @param rule the rule broken
 * @param object the object it was found on (kind, namespace, name)
 * @param subject the container, volume or field concerned
 * @param message what is wrong, why it breaks statelessness and what to do
 * @param suppressed true when the object opts out of this rule with the {@code stateless.dev/ignore}
 *     annotation: still reported, so an opt-out stays visible, but not counted as a failure
 */
public record RuleViolation(
    Rule rule, ObjectRef object, Subject subject, String message, boolean suppressed) {

  public RuleViolation(Rule rule, ObjectRef object, Subject subject, String message) {
    this(rule, object, subject, message, false);
  }

  public String ruleId() {
    return rule.id();
  }

  public RuleViolation suppress() {
    return new RuleViolation(rule, object, subject, message, true);
  }

  /**
   * The status entry the operator shows for this violation: {@code pod} for a Pod, otherwise
   * {@code object} as {@code Kind/name}.
   */
  public Violation toStatusViolation() {
    boolean onPod = "Pod".equals(object.kind());
    return new Violation(
        onPod ? object.name() : null,
        onPod ? null : object.kind() + "/" + object.name(),
        rule.id(),
        message);
  }

  @Override
  public String toString() {
    return rule.id() + " on " + object + " " + subject + (suppressed ? " (suppressed)" : "") + ": " + message;
  }
}
