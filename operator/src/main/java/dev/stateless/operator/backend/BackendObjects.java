package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend objects {@code render} prints, from the same children the reconciler runs, in the
 * order the workflow lists them. Generated and user-provided values are placeholders.
 */
public final class BackendObjects {

  private BackendObjects() {}

  public static List<HasMetadata> render(StatelessApp app) {
    AppSettings settings = new AppSettings(app);
    List<HasMetadata> objects = new ArrayList<>();
    RedisSettings.of(settings).ifPresent(redis -> {
      if (redis.managed()) {
        objects.add(new RedisCredentialsDependent().render(app));
        objects.add(new RedisDeploymentDependent().render(app));
        objects.add(new RedisServiceDependent().render(app));
      }
      objects.add(new RedisBindingDependent().render(app));
    });
    ObjectStorageSettings.of(settings).ifPresent(storage -> {
      if (storage.managed()) {
        objects.add(new ObjectStorageCredentialsDependent().render(app));
        objects.add(new ObjectStorageVolumeDependent().render(app));
        objects.add(new ObjectStorageDeploymentDependent().render(app));
        objects.add(new ObjectStorageServiceDependent().render(app));
      }
      objects.add(new ObjectStorageBindingDependent().render(app));
    });
    return objects;
  }
}
