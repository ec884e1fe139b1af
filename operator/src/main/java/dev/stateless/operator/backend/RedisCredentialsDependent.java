package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code <app>-redis-credentials}: the managed Redis's password, generated once. The
 * server reads it from here, the binding Secret copies it for the app.
 */
public class RedisCredentialsDependent extends BackendChildDependent<Secret> {

  public RedisCredentialsDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.redisCredentials(app);
  }

  @Override
  protected Secret build(AppSettings app, Backends backends, Optional<Secret> existing) {
    RedisConnection redis = backends.redis().orElseThrow();
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.REDIS))
        .withType("Opaque")
        .withData(SecretData.encode(ManagedCredentials.stored(existing, Map.of(ManagedCredentials.PASSWORD, redis.password()))))
        .build();
  }
}
