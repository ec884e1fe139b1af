package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;

/**
 * The Deployment every managed backend runs as, and its security context: the Pod Security
 * Standards' "restricted" profile, as for the app, with the user id the image's files belong to.
 * Unlike the app, a backend may keep files (the object storage's volume, Redis's working
 * directory); that is its job.
 */
final class BackendPods {

  private BackendPods() {}

  /**
   * One server pod, replaced rather than rolled: a second instance during a rollout would be a
   * second, empty Redis behind the Service, or would wait for the volume the first one holds.
   *
   * @param uid the user and group the image's files belong to
   * @param configDigest digest of what the server reads only when it starts (its credentials), on
   *     the pod template so that a change restarts it
   * @param server the server's container; it gets the restricted container security context
   */
  static Deployment singleServer(AppSettings app, AppLabels.Component component, String name, long uid,
      String configDigest, Container server, List<Volume> volumes) {
    Map<String, String> labels = AppLabels.of(app.app(), component);
    Container restricted = new ContainerBuilder(server).withSecurityContext(containerSecurityContext()).build();
    return new DeploymentBuilder()
        .withMetadata(ChildMetadata.of(app, name, component))
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewStrategy().withType("Recreate").endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(Map.of(AppPodTemplate.CONFIG_HASH_ANNOTATION, configDigest))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(podSecurityContext(uid))
        .withContainers(restricted)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** An environment variable taken from a key of a Secret, so the pod spec never holds the value. */
  static EnvVar fromSecret(String variable, String secretName, String key) {
    return new EnvVarBuilder()
        .withName(variable)
        .withNewValueFrom().withNewSecretKeyRef().withName(secretName).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  private static PodSecurityContext podSecurityContext(long uid) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(uid)
        .withRunAsGroup(uid)
        // Volumes are made writable for this group, so a fresh PersistentVolume works without root.
        .withFsGroup(uid)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  private static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }
}
