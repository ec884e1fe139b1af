package dev.stateless.operator.desired;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.EnforcementMode;
import dev.stateless.api.v1alpha1.Probes;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppSpec;
import dev.stateless.api.v1alpha1.Statelessness;
import java.util.Optional;

/**
 * The spec with its defaults applied. The API server applies the CRD's defaults, but objects read
 * from files (render) or written by clients that skip them must behave the same, so every reader of
 * the spec goes through here instead of null-checking fields itself.
 */
public record AppSettings(StatelessApp app) {

  public StatelessAppSpec spec() {
    return app.getSpec();
  }

  public String name() {
    return app.getMetadata().getName();
  }

  public String namespace() {
    return app.getMetadata().getNamespace();
  }

  public int port() {
    return Optional.ofNullable(spec().getPort()).orElse(StatelessAppSpec.DEFAULT_PORT);
  }

  public int replicas() {
    return Optional.ofNullable(spec().getReplicas()).orElse(StatelessAppSpec.DEFAULT_REPLICAS);
  }

  public Optional<Autoscaling> autoscaling() {
    return Optional.ofNullable(spec().getAutoscaling());
  }

  public int minReplicas() {
    return autoscaling()
        .map(a -> Optional.ofNullable(a.getMinReplicas()).orElse(Autoscaling.DEFAULT_MIN_REPLICAS))
        .orElse(Autoscaling.DEFAULT_MIN_REPLICAS);
  }

  /** The fewest replicas the app runs with: spec.replicas, or minReplicas under autoscaling. */
  public int replicaFloor() {
    return autoscaling().isPresent() ? minReplicas() : replicas();
  }

  public String readinessPath() {
    return Optional.ofNullable(spec().getProbes())
        .map(Probes::getReadinessPath)
        .orElse(Probes.DEFAULT_READINESS_PATH);
  }

  public String livenessPath() {
    return Optional.ofNullable(spec().getProbes())
        .map(Probes::getLivenessPath)
        .orElse(Probes.DEFAULT_LIVENESS_PATH);
  }

  public Statelessness statelessness() {
    return Optional.ofNullable(spec().getStatelessness()).orElseGet(Statelessness::new);
  }

  public EnforcementMode enforcement() {
    return Optional.ofNullable(statelessness().getEnforcement()).orElse(EnforcementMode.Audit);
  }

  public boolean readOnlyRootFilesystem() {
    return !Boolean.FALSE.equals(statelessness().getRequireReadOnlyRootFilesystem());
  }
}
