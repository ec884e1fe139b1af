package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.BackendMode;
import dev.stateless.api.v1alpha1.RedisSpec;
import dev.stateless.api.v1alpha1.SecretRef;
import dev.stateless.operator.desired.AppSettings;
import java.util.Optional;

/** spec.redis with its defaults applied; absent when the app declares no Redis. */
public record RedisSettings(BackendMode mode, String image, String externalSecretName) {

  /** The key of the user's Secret that holds the Redis URL. */
  public static final String EXTERNAL_URL_KEY = "url";

  public static Optional<RedisSettings> of(AppSettings app) {
    RedisSpec redis = app.spec().getRedis();
    if (redis == null) {
      return Optional.empty();
    }
    return Optional.of(new RedisSettings(
        Optional.ofNullable(redis.getMode()).orElse(BackendMode.Managed),
        Optional.ofNullable(redis.getImage()).orElse(RedisSpec.DEFAULT_IMAGE),
        Optional.ofNullable(redis.getExternalSecretRef()).map(SecretRef::getName).orElse(null)));
  }

  public boolean managed() {
    return mode == BackendMode.Managed;
  }
}
