package dev.stateless.operator.desired;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** The metadata every object the operator creates for an app starts from. */
public final class ChildMetadata {

  private ChildMetadata() {}

  /** {@code name} in the app's namespace, with the labels of the app's {@code component}. */
  public static ObjectMeta of(AppSettings app, String name, AppLabels.Component component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(app.namespace())
        .withLabels(AppLabels.of(app.app(), component))
        .build();
  }
}
