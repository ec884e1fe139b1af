package dev.stateless.operator.verification;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.api.v1alpha1.Violation;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.rules.ObjectRef;
import dev.stateless.rules.RuleSettings;
import dev.stateless.rules.RuleViolation;
import dev.stateless.rules.StatelessnessRules;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies the statelessness rules to what an app is made of right now: its live pods (so a sidecar
 * a mutating webhook injected is caught), its Service, the Ingresses routing to it, and its replica
 * floor. Pure: the caller supplies the objects.
 */
public final class StatelessnessVerifier {

  /** The objects of one app to check. */
  public record Subjects(List<Pod> pods, Optional<Service> service, List<Ingress> ingresses) {}

  /**
   * What was found: the violations status lists (newest pods first, then the app's other objects,
   * each in the engine's stable order; at most {@link StatelessAppStatus#MAX_VIOLATIONS}), and how
   * many there are in all.
   */
  public record Findings(List<Violation> listed, int count) {

    public boolean none() {
      return count == 0;
    }
  }

  /** The app's unsuppressed violations. */
  public Findings violations(StatelessApp app, Subjects subjects) {
    AppSettings settings = new AppSettings(app);
    StatelessnessRules rules = new StatelessnessRules(RuleSettings.from(settings.statelessness()));
    List<RuleViolation> found = new ArrayList<>();
    subjects.pods().stream()
        .sorted(Comparator.comparing((Pod pod) -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()).orElse(""))
            .reversed()
            .thenComparing(pod -> pod.getMetadata().getName()))
        .forEach(pod -> found.addAll(rules.checkPod(pod)));
    subjects.service().ifPresent(service -> found.addAll(rules.checkService(service)));
    subjects.ingresses().stream()
        .sorted(Comparator.comparing(ingress -> ingress.getMetadata().getName()))
        .forEach(ingress -> found.addAll(rules.checkIngressRoutingTo(ingress, app.getMetadata().getName())));
    String floorField = settings.autoscaling().isPresent() ? "spec.autoscaling.minReplicas" : "spec.replicas";
    found.addAll(rules.checkReplicaFloor(ObjectRef.of(app), app.getMetadata(), settings.replicaFloor(), floorField));
    List<Violation> unsuppressed = found.stream()
        .filter(violation -> !violation.suppressed())
        .map(RuleViolation::toStatusViolation)
        .toList();
    return new Findings(
        unsuppressed.subList(0, Math.min(unsuppressed.size(), StatelessAppStatus.MAX_VIOLATIONS)), unsuppressed.size());
  }
}
