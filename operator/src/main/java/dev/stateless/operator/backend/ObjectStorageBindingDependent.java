package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The binding Secret {@code <app>-s3} (type {@code servicebinding.io/s3}), in both modes: the app
 * reads its keys from here. While the user's Secret cannot be read, the binding is left as it is.
 */
public class ObjectStorageBindingDependent extends BackendChildDependent<Secret> {

  public ObjectStorageBindingDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorage(app);
  }

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    if (Backends.in(context).objectStorage().isEmpty()) {
      // Nothing resolved this time: what exists is what is desired, so nothing is written.
      return getSecondaryResource(app, context).orElseThrow(() -> new IllegalStateException("no object storage binding to publish for " + nameFor(app)));
    }
    return super.desired(app, context);
  }

  @Override
  protected Secret build(AppSettings app, Backends backends, Optional<Secret> existing) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(nameFor(app.app()))
        .withNamespace(app.namespace())
        .withLabels(AppLabels.of(app.app(), AppLabels.Component.OBJECT_STORAGE))
        .endMetadata()
        .withType(BindingValues.S3_TYPE)
        .withData(SecretData.encode(BindingValues.objectStorage(backends.objectStorage().orElseThrow())))
        .build();
  }
}
