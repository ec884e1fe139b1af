package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The Redis binding Secret exists while spec.redis is set, and is created once the connection is
 * known (an external one may wait for the user's Secret). Removing spec.redis deletes it.
 */
public class RedisBindingWanted implements Condition<Secret, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<Secret, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    Backends backends = Backends.in(context);
    return backends.redisDeclared()
        && (backends.redis().isPresent() || dependent.getSecondaryResource(app, context).isPresent());
  }
}
