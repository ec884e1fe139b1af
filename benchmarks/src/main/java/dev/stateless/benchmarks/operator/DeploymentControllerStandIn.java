package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Plays the Deployment controller the mock API server does not have: every Deployment that appears
 * or changes in the namespace is marked rolled out and available. The writes go through the
 * benchmark's own client, so they are not counted as the operator's.
 */
public final class DeploymentControllerStandIn implements AutoCloseable {

  private final KubernetesClient client;
  private final ExecutorService workers;
  /** The generation last marked per Deployment, so an event caused by our own write is not answered. */
  private final Map<String, Long> marked = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Deployment> informer;

  /** {@code workers} write the statuses, so a burst of new Deployments is not marked one by one. */
  public DeploymentControllerStandIn(KubernetesClient client, String namespace, ExecutorService workers) {
    this.client = client;
    this.workers = workers;
    this.informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment deployment) {
        roll(deployment);
      }

      @Override
      public void onUpdate(Deployment before, Deployment deployment) {
        roll(deployment);
      }

      @Override
      public void onDelete(Deployment deployment, boolean finalStateUnknown) {}
    });
  }

  private void roll(Deployment deployment) {
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
    Long before = marked.put(deployment.getMetadata().getName(), generation);
    if (DeploymentAvailability.isAvailable(deployment) || Long.valueOf(generation).equals(before)) {
      return;
    }
    workers.submit(() -> {
      try {
        DeploymentAvailability.markAvailable(client, deployment);
      } catch (RuntimeException e) {
        System.err.println("could not mark Deployment " + deployment.getMetadata().getName() + " available: " + e);
      }
    });
  }

  @Override
  public void close() {
    informer.close();
  }
}
