package dev.stateless.benchmarks.operator;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.operator.render.AppRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The physical floor: what the least an operator could write costs on the same API server. For
 * each app, a bare client creates the children the operator would create (rendered by the
 * operator's own dependents) and writes the final status once. Around it, the benchmark does what
 * it does in the operator's run too: creates the app and marks its Deployment available.
 */
public final class FloorWriter {

  private final KubernetesClient harness;
  private final KubernetesClient floor;
  private final AppRenderer renderer = new AppRenderer();

  public FloorWriter(KubernetesClient harness, KubernetesClient floor) {
    this.harness = harness;
    this.floor = floor;
  }

  /**
   * Writes every app in {@code namespace} with {@code concurrency} apps in flight at once, as the
   * operator reconciles that many at once, and returns the seconds it took.
   */
  public double write(String namespace, List<String> names, int concurrency, Function<String, StatelessAppStatus> finalStatus)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long start = System.nanoTime();
      List<Future<?>> apps = new ArrayList<>();
      for (String name : names) {
        apps.add(pool.submit(() -> {
          writeOne(namespace, name, finalStatus.apply(name));
          return null;
        }));
      }
      for (Future<?> app : apps) {
        app.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeOne(String namespace, String name, StatelessAppStatus status) {
    StatelessApp app = harness.resource(BenchApps.app(namespace, name)).create();
    for (HasMetadata child : renderer.render(app)) {
      child.getMetadata().setNamespace(namespace);
      child.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
          .withApiVersion(app.getApiVersion()).withKind(app.getKind())
          .withName(name).withUid(app.getMetadata().getUid())
          .withController(true).withBlockOwnerDeletion(true)
          .build()));
      HasMetadata created = floor.resource(child).create();
      if (created instanceof Deployment deployment) {
        DeploymentAvailability.markAvailable(harness, deployment);
      }
    }
    app.setStatus(status);
    floor.resource(app).patchStatus();
  }

  /** Removes what {@link #write} created, so no operator started later mistakes it for its own. */
  public void remove(String namespace) {
    harness.resources(StatelessApp.class).inNamespace(namespace).delete();
    harness.apps().deployments().inNamespace(namespace).delete();
    harness.services().inNamespace(namespace).delete();
    harness.policy().v1().podDisruptionBudget().inNamespace(namespace).delete();
  }
}
