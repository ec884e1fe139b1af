package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code <app>-s3-credentials}: the managed object storage's root keys, generated once.
 * It follows the deletion policy like the volume: the data is only readable with these keys.
 */
public class ObjectStorageCredentialsDependent extends RetainedChildDependent<Secret> {

  public ObjectStorageCredentialsDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorageCredentials(app);
  }

  @Override
  protected Secret build(AppSettings app, Backends backends, Optional<Secret> existing) {
    ObjectStorageConnection storage = backends.objectStorage().orElseThrow();
    Map<String, String> values = new LinkedHashMap<>();
    values.put(ManagedCredentials.ACCESS_KEY_ID, storage.accessKeyId());
    values.put(ManagedCredentials.SECRET_ACCESS_KEY, storage.secretAccessKey());
    return markPolicy(new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.OBJECT_STORAGE))
        .withType("Opaque")
        .withData(SecretData.encode(ManagedCredentials.stored(existing, values)))
        .build(), ObjectStorageSettings.of(app).orElseThrow());
  }
}
