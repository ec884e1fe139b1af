package dev.stateless.rules;

import java.util.List;

/** {@code failover-replicas}: at least two replicas, so one can fail over to the other. */
final class ReplicaFloorRule {

  static final int MINIMUM_REPLICAS = 2;

  private ReplicaFloorRule() {}

  /**
   * @param replicas the replica count, or null when unset (Kubernetes then runs one)
   * @param field where the count comes from, e.g. {@code spec.replicas} or an HPA's
   *     {@code spec.minReplicas}, so the message points at what to change
   */
  static List<RuleViolation> check(ObjectRef object, Integer replicas, String field) {
    int effective = replicas == null ? 1 : replicas;
    if (effective >= MINIMUM_REPLICAS) {
      return List.of();
    }
    String count = replicas == null ? field + " is unset, so 1 replica runs" : field + " is " + replicas;
    return List.of(
        new RuleViolation(
            Rule.FAILOVER_REPLICAS,
            object,
            Subject.field(field),
            count + "; with fewer than " + MINIMUM_REPLICAS + " replicas there is nothing to"
                + " fail over to during a restart, node drain or rollout. Set " + field + " to at least "
                + MINIMUM_REPLICAS + "."));
  }
}
