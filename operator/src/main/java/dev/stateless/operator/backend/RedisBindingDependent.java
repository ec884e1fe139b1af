package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The binding Secret {@code <app>-redis} (type {@code servicebinding.io/redis}), in both modes: the
 * app reads {@code REDIS_URL} from its {@code uri}. While the user's Secret cannot be read, the
 * binding is left as it is, so pods that start meanwhile still get the last working values.
 */
public class RedisBindingDependent extends BackendChildDependent<Secret> {

  public RedisBindingDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.redis(app);
  }

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    if (Backends.in(context).redis().isEmpty()) {
      // Nothing resolved this time: what exists is what is desired, so nothing is written.
      return getSecondaryResource(app, context).orElseThrow(() -> new IllegalStateException("no Redis binding to publish for " + nameFor(app)));
    }
    return super.desired(app, context);
  }

  @Override
  protected Secret build(AppSettings app, Backends backends, Optional<Secret> existing) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(nameFor(app.app()))
        .withNamespace(app.namespace())
        .withLabels(AppLabels.of(app.app(), AppLabels.Component.REDIS))
        .endMetadata()
        .withType(BindingValues.REDIS_TYPE)
        .withData(SecretData.encode(BindingValues.redis(backends.redis().orElseThrow())))
        .build();
  }
}
