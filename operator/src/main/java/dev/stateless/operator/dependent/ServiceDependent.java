package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

/** The app's Service {@code <app>}: port 80 to the app's port, no session affinity. */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class ServiceDependent extends AppChildDependent<Service> {

  public static final int SERVICE_PORT = 80;

  public ServiceDependent() {
    super(Service.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return app.getMetadata().getName();
  }

  @Override
  protected Service build(AppSettings app, Optional<Service> existing) {
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withNewSpec()
        .withType("ClusterIP")
        // Any replica serves any request: no client is pinned to a pod.
        .withSessionAffinity("None")
        .withSelector(AppLabels.selector(app.app()))
        .addNewPort()
        .withName(AppPodTemplate.PORT_NAME)
        .withProtocol("TCP")
        .withPort(SERVICE_PORT)
        .withTargetPort(new IntOrString(AppPodTemplate.PORT_NAME))
        .endPort()
        .endSpec()
        .build();
  }
}
