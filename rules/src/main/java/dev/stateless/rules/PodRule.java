package dev.stateless.rules;

import java.util.List;

/**
 * One statelessness rule on pods, in both of its forms: the Java check that the reconciler and
 * {@code audit} run, and the CEL the admission policy runs. Keeping both in one class is what keeps
 * them in step; {@code PodRuleCelAgreementTest} checks they agree on every fixture.
 */
interface PodRule {

  /** What the rule's check found: the part concerned and an actionable message. */
  record Finding(Subject subject, String message) {}

  Rule rule();

  /** The violations of this rule in a pod, in spec order. */
  List<Finding> check(PodView pod, RuleSettings settings);

  /**
   * A CEL expression over {@code object} (the pod) and the policy's shared {@code variables} (see
   * {@link AdmissionPolicy}) that evaluates to the list of offending volume or container names; an
   * empty list means the pod complies.
   */
  String celOffenders();

  /** A CEL string expression explaining the failure; {@code offenders} is the CEL list above. */
  String celMessage(String offenders);
}
