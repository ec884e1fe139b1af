package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The managed Redis's objects exist while spec.redis is Managed; otherwise they are deleted. */
public class RedisManaged implements Condition<HasMetadata, StatelessApp> {

  @Override
  public boolean isMet(DependentResource<HasMetadata, StatelessApp> dependent, StatelessApp app, Context<StatelessApp> context) {
    return RedisSettings.of(new AppSettings(app)).map(RedisSettings::managed).orElse(false);
  }
}
