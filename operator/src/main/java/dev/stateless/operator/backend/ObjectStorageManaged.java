package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The managed object storage's objects exist while spec.objectStorage is Managed; otherwise they
 * are deleted, except the volume and the keys when they are retained (see {@link RetainedChildDependent}).
 */
public class ObjectStorageManaged implements Condition<HasMetadata, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<HasMetadata, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    return ObjectStorageSettings.of(new AppSettings(app)).map(ObjectStorageSettings::managed).orElse(false);
  }
}
