package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Keeps the PodDisruptionBudget only while the replica floor is at least 2 (else it is deleted). */
public class PodDisruptionBudgetNeeded implements Condition<PodDisruptionBudget, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<PodDisruptionBudget, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    return PodDisruptionBudgetDependent.isNeeded(new AppSettings(app));
  }
}
