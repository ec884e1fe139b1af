package dev.stateless.operator.monitoring;

import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import java.util.Map;

/** What the health probes look at: whether the operator started, and which informers are unhealthy. */
public interface OperatorState {

  boolean started();

  boolean allEventSourcesHealthy();

  /** Controller name, then event source name, to the informers of that source (one per namespace). */
  Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthyInformers();

  /** JOSDK's view of a running operator. */
  static OperatorState of(RuntimeInfo runtime) {
    return new OperatorState() {
      @Override
      public boolean started() {
        return runtime.isStarted();
      }

      @Override
      public boolean allEventSourcesHealthy() {
        return runtime.allEventSourcesAreHealthy();
      }

      @Override
      public Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthyInformers() {
        return runtime.unhealthyInformerWrappingEventSourceHealthIndicator();
      }
    };
  }
}
