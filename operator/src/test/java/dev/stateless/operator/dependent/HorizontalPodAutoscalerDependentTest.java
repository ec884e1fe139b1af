package dev.stateless.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import org.junit.jupiter.api.Test;

/** spec.autoscaling becomes an autoscaling/v2 HPA on the app's Deployment, defaults and pass-through as documented. */
class HorizontalPodAutoscalerDependentTest {

  final HorizontalPodAutoscalerDependent dependent = new HorizontalPodAutoscalerDependent();

  @Test
  void defaultsScaleOnCpuAt70PercentFromTwoReplicas() {
    HorizontalPodAutoscaler hpa = dependent.render(autoscaled(new Autoscaling()));

    assertThat(hpa.getMetadata().getName()).isEqualTo("shop");
    assertThat(hpa.getSpec().getScaleTargetRef()).satisfies(target -> {
      assertThat(target.getApiVersion()).isEqualTo("apps/v1");
      assertThat(target.getKind()).isEqualTo("Deployment");
      assertThat(target.getName()).isEqualTo("shop");
    });
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> assertUtilization(metric, "cpu", 70));
    assertThat(hpa.getSpec().getBehavior()).isNull();
  }

  @Test
  void memoryTargetAndBehaviorArePassedThrough() {
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(3);
    autoscaling.setTargetCPUUtilizationPercentage(60);
    autoscaling.setTargetMemoryUtilizationPercentage(80);
    HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehaviorBuilder()
        .withNewScaleDown().withStabilizationWindowSeconds(300)
        .addNewPolicy().withType("Pods").withValue(1).withPeriodSeconds(60).endPolicy()
        .endScaleDown()
        .build();
    autoscaling.setBehavior(behavior);

    HorizontalPodAutoscaler hpa = dependent.render(autoscaled(autoscaling));

    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMetrics()).hasSize(2);
    assertUtilization(hpa.getSpec().getMetrics().get(0), "cpu", 60);
    assertUtilization(hpa.getSpec().getMetrics().get(1), "memory", 80);
    assertThat(hpa.getSpec().getBehavior()).isEqualTo(behavior);
  }

  private static StatelessApp autoscaled(Autoscaling autoscaling) {
    StatelessApp app = TestApps.app("ns", "shop");
    if (autoscaling.getMaxReplicas() == null) {
      autoscaling.setMaxReplicas(10);
    }
    app.getSpec().setAutoscaling(autoscaling);
    return app;
  }

  private static void assertUtilization(MetricSpec metric, String resource, int percent) {
    assertThat(metric.getType()).isEqualTo("Resource");
    assertThat(metric.getResource().getName()).isEqualTo(resource);
    assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
    assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(percent);
  }
}
