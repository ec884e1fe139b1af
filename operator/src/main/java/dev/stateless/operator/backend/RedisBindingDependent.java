package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import java.util.Map;
import java.util.Optional;

/**
 * The binding Secret {@code <app>-redis} (type {@code servicebinding.io/redis}): the app reads
 * {@code REDIS_URL} from its {@code uri}.
 */
public class RedisBindingDependent extends BindingSecretDependent {

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.redis(app);
  }

  @Override
  AppLabels.Component component() {
    return AppLabels.Component.REDIS;
  }

  @Override
  String bindingType() {
    return BindingValues.REDIS_TYPE;
  }

  @Override
  Optional<Map<String, String>> values(Backends backends) {
    return backends.redis().map(BindingValues::redis);
  }
}
