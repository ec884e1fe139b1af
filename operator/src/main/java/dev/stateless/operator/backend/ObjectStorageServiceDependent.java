package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

/** The managed object storage's Service {@code <app>-s3}, the S3 API on port 9000. */
@KubernetesDependent(informer = @Informer(labelSelector = BackendLabels.OBJECT_STORAGE_SELECTOR))
public class ObjectStorageServiceDependent extends BackendChildDependent<Service> {

  public ObjectStorageServiceDependent() {
    super(Service.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorage(app);
  }

  @Override
  protected Service build(AppSettings app, Backends backends, Optional<Service> existing) {
    return BackendServices.clusterIp(app, nameFor(app.app()), AppLabels.Component.OBJECT_STORAGE, ObjectStorageDeploymentDependent.PORT_NAME, BackendNames.OBJECT_STORAGE_PORT);
  }
}
