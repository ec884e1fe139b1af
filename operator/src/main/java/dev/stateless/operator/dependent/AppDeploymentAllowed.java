package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendSecrets;
import dev.stateless.operator.backend.Backends;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The app's Deployment is first created once its backends answer, so its first pods start with
 * backends that work, and once their binding Secrets are there, so its pod template carries the
 * digest of their values from the start (a digest added a moment later would roll the new pods at
 * once). Once it exists this always holds: a false precondition deletes, and a running app must
 * never be deleted because a backend is down (the Deployment then keeps its configuration, see
 * {@link DeploymentDependent#match}). While false, there is nothing to delete.
 */
public class AppDeploymentAllowed implements Condition<Deployment, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<Deployment, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    Backends backends = Backends.in(context);
    return backends.ready() && BackendSecrets.digestKey(app, context, backends).isPresent()
        || dependent.getSecondaryResource(app, context).isPresent();
  }
}
