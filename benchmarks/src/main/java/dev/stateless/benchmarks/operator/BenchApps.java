package dev.stateless.benchmarks.operator;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The StatelessApps the benchmark creates: the minimal app of the README, without backends, so each
 * has exactly the Deployment, the Service and (with the default 2 replicas) the PodDisruptionBudget.
 */
public final class BenchApps {

  /** Children per app without backends: Deployment, Service, PodDisruptionBudget. */
  public static final int CHILDREN = 3;

  private BenchApps() {}

  public static List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("app-%04d", i)).toList();
  }

  public static StatelessApp app(String namespace, String name) {
    StatelessApp app = new StatelessApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    StatelessAppSpec spec = new StatelessAppSpec();
    spec.setImage("registry.example.com/shop:1.4.2");
    app.setSpec(spec);
    return app;
  }

  public static boolean isReady(StatelessApp app) {
    return app.getStatus() != null && app.getStatus().condition("Ready")
        .filter(condition -> "True".equals(condition.getStatus()))
        .isPresent();
  }

  public static boolean hasViolations(StatelessApp app) {
    return app.getStatus() != null && app.getStatus().getViolations() != null && !app.getStatus().getViolations().isEmpty();
  }
}
