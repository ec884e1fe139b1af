package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

/** The managed Redis's Service {@code <app>-redis}, port 6379. */
@KubernetesDependent(informer = @Informer(labelSelector = BackendLabels.REDIS_SELECTOR))
public class RedisServiceDependent extends BackendChildDependent<Service> {

  public RedisServiceDependent() {
    super(Service.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.redis(app);
  }

  @Override
  protected Service build(AppSettings app, Backends backends, Optional<Service> existing) {
    return BackendServices.clusterIp(app, nameFor(app.app()), AppLabels.Component.REDIS, RedisDeploymentDependent.PORT_NAME, BackendNames.REDIS_PORT);
  }
}
