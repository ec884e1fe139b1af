package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The autoscaler exists while spec.autoscaling is set; removing it deletes the autoscaler. */
public class AutoscalingWanted implements Condition<HorizontalPodAutoscaler, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<HorizontalPodAutoscaler, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    return app.getSpec().getAutoscaling() != null;
  }
}
