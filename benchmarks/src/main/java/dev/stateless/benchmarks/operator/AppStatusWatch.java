package dev.stateless.benchmarks.operator;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches the StatelessApps of a namespace and notes the moment each one first reaches a state
 * (Ready, violations shown). A watch rather than polling: polling would load the API server the
 * operator is being measured against, and would add its interval to every latency.
 */
public final class AppStatusWatch implements AutoCloseable {

  private final Map<String, CompletableFuture<Long>> ready = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> violations = new ConcurrentHashMap<>();
  private final SharedIndexInformer<StatelessApp> informer;

  public AppStatusWatch(KubernetesClient client, String namespace) {
    this.informer = client.resources(StatelessApp.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(StatelessApp app) {
        observe(app);
      }

      @Override
      public void onUpdate(StatelessApp before, StatelessApp app) {
        observe(app);
      }

      @Override
      public void onDelete(StatelessApp app, boolean finalStateUnknown) {}
    });
  }

  private void observe(StatelessApp app) {
    long now = System.nanoTime();
    String name = app.getMetadata().getName();
    completeIf(ready, name, app, BenchApps::isReady, now);
    completeIf(violations, name, app, BenchApps::hasViolations, now);
  }

  private static void completeIf(Map<String, CompletableFuture<Long>> moments, String name, StatelessApp app,
      Predicate<StatelessApp> state, long now) {
    if (state.test(app)) {
      moments.computeIfAbsent(name, n -> new CompletableFuture<>()).complete(now);
    }
  }

  /** Waits until every named app has been seen Ready; returns the nanoTime the last one was. */
  public long awaitAllReady(Collection<String> names, long timeoutS) throws Exception {
    long last = 0;
    for (String name : names) {
      last = Math.max(last, ready.computeIfAbsent(name, n -> new CompletableFuture<>()).get(timeoutS, TimeUnit.SECONDS));
    }
    return last;
  }

  /** The nanoTime the app was first seen with violations in its status. */
  public long awaitViolations(String name, long timeoutS) throws Exception {
    return violations.computeIfAbsent(name, n -> new CompletableFuture<>()).get(timeoutS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    informer.close();
  }
}
