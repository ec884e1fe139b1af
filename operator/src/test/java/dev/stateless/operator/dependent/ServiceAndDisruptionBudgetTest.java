package dev.stateless.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

class ServiceAndDisruptionBudgetTest {

  @Test
  void serviceTargetsTheAppPortWithoutSessionAffinity() {
    StatelessApp app = TestApps.app("ns", "shop");
    app.getSpec().setPort(9090);
    Service service = new ServiceDependent().render(app);

    assertThat(service.getMetadata().getName()).isEqualTo("shop");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSessionAffinity()).isEqualTo("None");
    assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "app");
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(80);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
  }

  @Test
  void disruptionBudgetAllowsOnePodDownAndFollowsTheReplicaFloor() {
    StatelessApp app = TestApps.app("ns", "shop");
    PodDisruptionBudget budget = new PodDisruptionBudgetDependent().render(app);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "shop");

    assertThat(PodDisruptionBudgetDependent.isNeeded(new AppSettings(app))).isTrue();
    app.getSpec().setReplicas(1);
    assertThat(PodDisruptionBudgetDependent.isNeeded(new AppSettings(app))).isFalse();

    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(4);
    app.getSpec().setAutoscaling(autoscaling);
    assertThat(PodDisruptionBudgetDependent.isNeeded(new AppSettings(app))).as("the floor is minReplicas under autoscaling").isTrue();
  }
}
