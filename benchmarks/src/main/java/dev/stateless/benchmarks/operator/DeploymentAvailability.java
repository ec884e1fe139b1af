package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;

/** The status the Deployment controller writes once a rollout is complete and every replica serves. */
public final class DeploymentAvailability {

  private DeploymentAvailability() {}

  public static boolean isAvailable(Deployment deployment) {
    return deployment.getStatus() != null
        && Objects.equals(deployment.getStatus().getObservedGeneration(), deployment.getMetadata().getGeneration())
        && Objects.equals(deployment.getStatus().getAvailableReplicas(), replicas(deployment));
  }

  /** Writes the rolled-out status: one PUT to the status subresource, as the Deployment controller does. */
  public static void markAvailable(KubernetesClient client, Deployment deployment) {
    int replicas = replicas(deployment);
    deployment.setStatus(new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .build());
    client.resource(deployment).updateStatus();
  }

  private static int replicas(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }
}
