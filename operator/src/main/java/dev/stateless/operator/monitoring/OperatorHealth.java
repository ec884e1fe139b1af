package dev.stateless.operator.monitoring;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers of the liveness and readiness probes, from the informers' health.
 *
 * <p>Ready: the operator has started and every informer is running, synced and watching. Live:
 * the same once started; while starting it is alive, since a start that fails ends the process
 * anyway, and killing a replica that is still syncing its caches would only restart the sync. An
 * informer that stays broken (a watch the API server keeps refusing) fails liveness, so the
 * kubelet restarts the replica with fresh informers.
 */
public final class OperatorHealth {

  /** A probe's answer: healthy or not, and why, in a line an operator can act on. */
  public record Report(boolean healthy, String detail) {}

  private final OperatorState state;

  public OperatorHealth(OperatorState state) {
    this.state = state;
  }

  public Report readiness() {
    if (!state.started()) {
      return new Report(false, "starting: informers not synced yet");
    }
    return informers();
  }

  public Report liveness() {
    if (!state.started()) {
      return new Report(true, "starting");
    }
    return informers();
  }

  private Report informers() {
    if (state.allEventSourcesHealthy()) {
      return new Report(true, "all informers running, synced and watching");
    }
    List<String> unhealthy = describe(state.unhealthyInformers());
    return new Report(false, unhealthy.isEmpty()
        ? "an event source is unhealthy"
        : "unhealthy informers: " + String.join("; ", unhealthy));
  }

  private static List<String> describe(Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> byController) {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(byController).forEach((controller, sources) -> new TreeMap<>(sources).forEach((source, indicator) -> {
      @SuppressWarnings("unchecked") // JOSDK hands the indicator out as a raw type
      Map<String, InformerHealthIndicator> byNamespace = indicator.informerHealthIndicators();
      new TreeMap<>(byNamespace).forEach((namespace, informer) -> {
        if (informer.getStatus() != Status.HEALTHY) {
          lines.add(controller + "/" + source + " in " + namespaceLabel(namespace) + " (" + flags(informer) + ")");
        }
      });
    }));
    return lines;
  }

  private static String namespaceLabel(String namespace) {
    return namespace == null || namespace.isEmpty() || Constants.WATCH_ALL_NAMESPACES.equals(namespace)
        ? "all namespaces"
        : "namespace " + namespace;
  }

  private static String flags(InformerHealthIndicator informer) {
    return "running=" + informer.isRunning() + ", synced=" + informer.hasSynced() + ", watching=" + informer.isWatching();
  }
}
