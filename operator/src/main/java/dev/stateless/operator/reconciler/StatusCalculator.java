package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.operator.backend.BackendsVerdict;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.jwt.InvalidSigningKeysException;
import dev.stateless.operator.jwt.SigningKeys;
import dev.stateless.operator.verification.StatelessnessVerifier.Findings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes a StatelessApp's status from what the reconcile observed. Pure: no I/O. */
public final class StatusCalculator {

  private final Clock clock;

  public StatusCalculator(Clock clock) {
    this.clock = clock;
  }

  /**
   * What a reconcile observed: the spec's problems, the app's Deployment if any, its signing keys,
   * the violations found, and its backends' verdict (null when not looked at, for an invalid spec:
   * the last one stays).
   */
  public record Observation(
      List<SpecProblem> problems, Optional<Deployment> deployment, SigningKeys signingKeys, Findings violations,
      BackendsVerdict backends) {}

  public StatelessAppStatus compute(StatelessApp app, Observation observed) {
    StatelessAppStatus previous = Optional.ofNullable(app.getStatus()).orElseGet(StatelessAppStatus::new);
    Long generation = app.getMetadata().getGeneration();
    Conditions conditions = new Conditions(previous.getConditions(), generation, clock);

    StatelessAppStatus next = new StatelessAppStatus();
    next.setObservedGeneration(generation);
    next.setSelector(AppLabels.selectorString(app));
    Optional<DeploymentStatus> deployed = observed.deployment().map(Deployment::getStatus);
    next.setReplicas(deployed.map(DeploymentStatus::getReplicas).orElse(0));
    next.setReadyReplicas(deployed.map(DeploymentStatus::getReadyReplicas).orElse(0));

    if (!observed.problems().isEmpty()) {
      conditions.set(Conditions.READY, false, "InvalidSpec", observed.problems().stream()
          .map(SpecProblem::toString)
          .collect(Collectors.joining("; ")));
    } else if (observed.signingKeys() instanceof SigningKeys.Unusable unusable) {
      conditions.set(Conditions.READY, false, InvalidSigningKeysException.REASON,
          "Secret " + SigningKeys.secretName(app) + " is left as it is: " + unusable.message()
              + ". Fix it, or delete it to get a fresh key set (tokens signed with its keys then stop verifying)");
    } else if (observed.backends() != null && !observed.backends().ready()) {
      conditions.set(Conditions.READY, false, "BackendsNotReady", observed.backends().message()
          + (observed.deployment().isPresent()
              ? "; the app keeps its current configuration until they are"
              : "; the app's Deployment is created once they are"));
    } else if (!observed.violations().none()) {
      // Ready promises the whole contract, statelessness included; Audit mode blocks nothing, but
      // an app that breaks the contract is not ready by it.
      conditions.set(Conditions.READY, false, "NotStateless", violationCount(observed.violations().count())
          + " (see the Stateless condition and status.violations)");
    } else {
      readiness(observed.deployment(), generation, conditions);
    }
    statelessness(observed.violations(), conditions);
    if (observed.backends() != null) {
      BackendsVerdict backends = observed.backends();
      conditions.set(Conditions.BACKENDS_READY, backends.ready(), backends.reason(), backends.message());
    } else {
      conditions.keep(Conditions.BACKENDS_READY);
    }
    next.setConditions(conditions.toList());
    next.setViolations(new ArrayList<>(observed.violations().listed()));
    next.setViolationCount(observed.violations().count());
    if (observed.signingKeys() instanceof SigningKeys.Current current) {
      next.setJwt(current.rotation().status());
    } else if (observed.signingKeys() instanceof SigningKeys.Unusable || !observed.problems().isEmpty()) {
      // Keys not evaluated (an invalid spec leaves everything as it is) or left as they are: the
      // Secret still holds the keys the status last described.
      next.setJwt(previous.getJwt());
    }
    return next;
  }

  /**
   * The status after the API server refused one of the app's children: Ready=False with its words,
   * everything else as it was, since nothing else was observed.
   *
   * @param previous a copy of the stored status, which this changes and returns
   */
  public StatelessAppStatus childRejected(StatelessApp app, StatelessAppStatus previous, String refusal) {
    Conditions conditions = new Conditions(previous.getConditions(), app.getMetadata().getGeneration(), clock);
    previous.getConditions().forEach(condition -> conditions.keep(condition.getType()));
    conditions.set(Conditions.READY, false, ChildRefusal.REASON,
        "the API server refused a child of the app: " + refusal + ". A fixed spec is reconciled at once;"
            + " after a fix in the cluster (a quota, a conflicting object), within " + ChildRefusal.RETRY.toMinutes() + " minute");
    previous.setConditions(conditions.toList());
    return previous;
  }

  private static void statelessness(Findings violations, Conditions conditions) {
    if (violations.none()) {
      conditions.set(Conditions.STATELESS, true, "NoViolations", "no violation on the app's pods, Service, Ingresses or spec");
    } else {
      conditions.set(Conditions.STATELESS, false, "ViolationsFound", violationCount(violations.count())
          + (violations.count() == 1 ? ": " : ", the newest: ") + violations.listed().get(0));
    }
  }

  private static String violationCount(int count) {
    return count + (count == 1 ? " violation" : " violations");
  }

  private static void readiness(Optional<Deployment> deployment, Long generation, Conditions conditions) {
    if (deployment.isEmpty()) {
      conditions.set(Conditions.READY, false, "DeploymentMissing", "the app's Deployment is being created");
      return;
    }
    Deployment d = deployment.get();
    int wanted = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    DeploymentStatus status = Optional.ofNullable(d.getStatus()).orElseGet(DeploymentStatus::new);
    int available = Optional.ofNullable(status.getAvailableReplicas()).orElse(0);
    int updated = Optional.ofNullable(status.getUpdatedReplicas()).orElse(0);
    boolean observedLatest = status.getObservedGeneration() != null
        && Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration());
    if (observedLatest && updated >= wanted && available >= wanted) {
      conditions.set(Conditions.READY, true, "Available", "all " + available + " replicas available");
    } else {
      // The message leaves out the wanted count: it moves with the autoscaler, and a status that
      // changed with every scaling step would be a write per step for no new information.
      conditions.set(Conditions.READY, false, "RollingOut",
          available + " replicas available, " + updated + " up to date");
    }
  }
}
