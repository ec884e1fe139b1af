package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The next-key Secret exists while an upcoming key waits for its activation; otherwise it is
 * deleted. With unusable keys, an existing one is kept as it is, like the JWKS it belongs to.
 */
public class UpcomingKeyPending implements Condition<Secret, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<Secret, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    SigningKeys keys = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(SigningKeys.CONTEXT_KEY, SigningKeys.class);
    if (keys instanceof SigningKeys.Current current) {
      return current.rotation().upcomingKeyJson() != null;
    }
    return keys instanceof SigningKeys.Unusable && dependent.getSecondaryResource(app, context).isPresent();
  }
}
