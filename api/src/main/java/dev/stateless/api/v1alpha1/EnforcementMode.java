package dev.stateless.api.v1alpha1;

/** What happens to a violation of the statelessness rules. */
public enum EnforcementMode {
  /** Violations are reported in status, Events and metrics; nothing is blocked. */
  Audit,
  /** The API server rejects violating pods through a ValidatingAdmissionPolicy. */
  Enforce
}
