package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long a violation takes to show: a pod of the app appears with an emptyDir on the
 * node's disk (state a replica would lose), and the clock runs until the app's status lists it.
 * Apps are probed one after another, so each figure is a detection, not a queue.
 */
public final class ViolationProbe {

  private static final long TIMEOUT_S = 30;

  private final KubernetesClient harness;
  private final AppStatusWatch watch;

  public ViolationProbe(KubernetesClient harness, AppStatusWatch watch) {
    this.harness = harness;
    this.watch = watch;
  }

  /** Milliseconds from the pod's creation to the status showing it, one figure per app. */
  public List<Double> measure(String namespace, List<String> apps) throws Exception {
    List<Double> latenciesMs = new ArrayList<>();
    for (String app : apps) {
      Pod pod = violatingPod(namespace, app);
      long created = System.nanoTime();
      harness.resource(pod).create();
      long shown = watch.awaitViolations(app, TIMEOUT_S);
      latenciesMs.add((shown - created) / 1e6);
    }
    return latenciesMs;
  }

  /** A pod as the app's ReplicaSet would create it from the Deployment's template, plus a disk-backed scratch volume. */
  private Pod violatingPod(String namespace, String app) {
    PodTemplateSpec template = harness.apps().deployments().inNamespace(namespace).withName(app).get().getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadataLike(template.getMetadata()).withName(app + "-violating").withNamespace(namespace).endMetadata()
        .withSpec(template.getSpec())
        .editSpec()
        .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
        .editFirstContainer().addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount().endContainer()
        .endSpec()
        .build();
  }
}
