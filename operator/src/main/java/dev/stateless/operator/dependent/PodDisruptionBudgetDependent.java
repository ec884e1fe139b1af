package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

/**
 * The app's PodDisruptionBudget {@code <app>}: voluntary disruptions (drains, upgrades) take one pod
 * at a time. Present only when the replica floor is at least 2; with one replica a budget would
 * block every drain.
 */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class PodDisruptionBudgetDependent extends AppChildDependent<PodDisruptionBudget> {

  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  /** Whether the app gets a budget at all. */
  public static boolean isNeeded(AppSettings app) {
    return app.replicaFloor() >= 2;
  }

  @Override
  public String nameFor(StatelessApp app) {
    return app.getMetadata().getName();
  }

  @Override
  protected PodDisruptionBudget build(AppSettings app, Optional<PodDisruptionBudget> existing) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector().withMatchLabels(AppLabels.selector(app.app())).endSelector()
        .endSpec()
        .build();
  }
}
