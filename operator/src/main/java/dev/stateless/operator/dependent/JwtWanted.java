package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The signing key Secret exists while spec.jwt is set; removing spec.jwt deletes it. */
public class JwtWanted implements Condition<Secret, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<Secret, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    return app.getSpec().getJwt() != null;
  }
}
