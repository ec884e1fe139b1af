package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/**
 * A servicebinding.io binding Secret of one backend, in both modes. While the backend's connection
 * cannot be resolved (the user's Secret cannot be read), the binding is left as it is, so pods that
 * start meanwhile still get the last working values.
 */
abstract class BindingSecretDependent extends BackendChildDependent<Secret> {

  BindingSecretDependent() {
    super(Secret.class);
  }

  /** The part of the app the backend belongs to. */
  abstract AppLabels.Component component();

  /** The servicebinding.io type of the Secret. */
  abstract String bindingType();

  /** The binding's keys and values, when this reconcile resolved the backend's connection. */
  abstract Optional<Map<String, String>> values(Backends backends);

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    if (values(Backends.in(context)).isEmpty()) {
      // Nothing resolved this time: what exists is what is desired, so nothing is written.
      return getSecondaryResource(app, context)
          .orElseThrow(() -> new IllegalStateException("no binding to publish for " + nameFor(app)));
    }
    return super.desired(app, context);
  }

  @Override
  protected Secret build(AppSettings app, Backends backends, Optional<Secret> existing) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), component()))
        .withType(bindingType())
        .withData(SecretData.encode(values(backends).orElseThrow()))
        .build();
  }
}
