package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The autoscaling/v2 HorizontalPodAutoscaler {@code <app>}, present while spec.autoscaling is set.
 * From then on it owns the Deployment's replica count (see {@link DeploymentDependent}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class HorizontalPodAutoscalerDependent extends AppChildDependent<HorizontalPodAutoscaler> {

  public HorizontalPodAutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return app.getMetadata().getName();
  }

  @Override
  protected HorizontalPodAutoscaler build(AppSettings app, Optional<HorizontalPodAutoscaler> existing) {
    Autoscaling autoscaling = app.autoscaling().orElseThrow();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(app.name()).endScaleTargetRef()
        .withMinReplicas(app.minReplicas())
        .withMaxReplicas(autoscaling.getMaxReplicas())
        .withMetrics(metrics(autoscaling))
        .withBehavior(autoscaling.getBehavior())
        .endSpec()
        .build();
  }

  private static List<MetricSpec> metrics(Autoscaling autoscaling) {
    List<MetricSpec> metrics = new ArrayList<>();
    int cpu = Optional.ofNullable(autoscaling.getTargetCPUUtilizationPercentage()).orElse(Autoscaling.DEFAULT_TARGET_CPU);
    metrics.add(utilization("cpu", cpu));
    if (autoscaling.getTargetMemoryUtilizationPercentage() != null) {
      metrics.add(utilization("memory", autoscaling.getTargetMemoryUtilizationPercentage()));
    }
    return metrics;
  }

  private static MetricSpec utilization(String resource, int percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName(resource)
        .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
        .endResource()
        .build();
  }
}
