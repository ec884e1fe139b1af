package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The object storage binding Secret exists while spec.objectStorage is set, and is created once
 * the connection is known. Removing spec.objectStorage deletes it.
 */
public class ObjectStorageBindingWanted implements Condition<Secret, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<Secret, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    Backends backends = Backends.in(context);
    return backends.objectStorageDeclared()
        && (backends.objectStorage().isPresent() || dependent.getSecondaryResource(app, context).isPresent());
  }
}
