package dev.stateless.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorHealthTest {

  record FakeState(boolean started, Map<String, Map<String, InformerWrappingEventSourceHealthIndicator>> unhealthyInformers)
      implements OperatorState {

    @Override
    public boolean allEventSourcesHealthy() {
      return unhealthyInformers.isEmpty();
    }
  }

  record Informer(String namespace, boolean isRunning, boolean hasSynced, boolean isWatching) implements InformerHealthIndicator {

    @Override
    public Status getStatus() {
      return isRunning && hasSynced && isWatching ? Status.HEALTHY : Status.UNHEALTHY;
    }

    @Override
    public String getTargetNamespace() {
      return namespace;
    }
  }

  static InformerWrappingEventSourceHealthIndicator<Pod> source(Informer... informers) {
    Map<String, InformerHealthIndicator> byNamespace = new java.util.TreeMap<>();
    for (Informer informer : informers) {
      byNamespace.put(informer.namespace(), informer);
    }
    return () -> byNamespace;
  }

  @Test
  void whileStartingItIsAliveButNotReady() {
    OperatorHealth health = new OperatorHealth(new FakeState(false, Map.of()));

    assertThat(health.liveness()).isEqualTo(new OperatorHealth.Report(true, "starting"));
    assertThat(health.readiness().healthy()).isFalse();
    assertThat(health.readiness().detail()).contains("starting");
  }

  @Test
  void startedWithHealthyInformersIsLiveAndReady() {
    OperatorHealth health = new OperatorHealth(new FakeState(true, Map.of()));

    assertThat(health.liveness().healthy()).isTrue();
    assertThat(health.readiness().healthy()).isTrue();
  }

  @Test
  void anInformerThatStoppedWatchingFailsBothProbesAndIsNamed() {
    var pods = source(new Informer("shop-ns", true, true, false), new Informer("other-ns", true, true, true));
    OperatorHealth health = new OperatorHealth(new FakeState(true, Map.of("statelessapp", Map.of("app-pods", pods))));

    for (OperatorHealth.Report report : new OperatorHealth.Report[] {health.liveness(), health.readiness()}) {
      assertThat(report.healthy()).isFalse();
      assertThat(report.detail())
          .isEqualTo("unhealthy informers: statelessapp/app-pods in namespace shop-ns (running=true, synced=true, watching=false)");
    }
  }

  @Test
  void anInformerOverAllNamespacesIsSaidSo() {
    var ingresses = source(new Informer("JOSDK_ALL_NAMESPACES", true, false, false));
    OperatorHealth health = new OperatorHealth(new FakeState(true, Map.of("statelessapp", Map.of("ingresses", ingresses))));

    assertThat(health.readiness().detail()).contains("statelessapp/ingresses in all namespaces (running=true, synced=false, watching=false)");
  }
}
