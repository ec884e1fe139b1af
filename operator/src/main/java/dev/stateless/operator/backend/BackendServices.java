package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The in-cluster Service of a managed backend: one TCP port to the backend's pods. */
final class BackendServices {

  private BackendServices() {}

  static Service clusterIp(AppSettings app, String name, AppLabels.Component component, String portName, int port) {
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(app, name, component))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(AppLabels.of(app.app(), component))
        .addNewPort()
        .withName(portName)
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(portName))
        .endPort()
        .endSpec()
        .build();
  }
}
