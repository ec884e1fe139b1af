package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A null-safe reading of a pod spec: absent lists are empty, null entries are dropped, and regular,
 * init and ephemeral containers (different model classes) are seen through one shape. Rules read
 * pods only through this, so no rule can trip over a missing field.
 */
final class PodView {

  /** The fields of a container that the rules look at. */
  record ContainerView(
      Subject.Kind kind,
      String name,
      SecurityContext securityContext,
      Probe readinessProbe,
      boolean declaresPorts,
      List<VolumeMount> volumeMounts) {

    Subject subject() {
      return new Subject(kind, name);
    }

    boolean hasReadOnlyRootFilesystem() {
      return securityContext != null && Boolean.TRUE.equals(securityContext.getReadOnlyRootFilesystem());
    }
  }

  private final List<Volume> volumes;
  private final List<ContainerView> containers;

  PodView(PodSpec spec) {
    PodSpec safe = spec == null ? new PodSpec() : spec;
    this.volumes = present(safe.getVolumes());
    List<ContainerView> all = new ArrayList<>();
    // Init containers first: the order in which they run, and a stable order for reports.
    present(safe.getInitContainers()).forEach(c -> all.add(view(Subject.Kind.INIT_CONTAINER, c)));
    present(safe.getContainers()).forEach(c -> all.add(view(Subject.Kind.CONTAINER, c)));
    present(safe.getEphemeralContainers()).forEach(c -> all.add(view(c)));
    this.containers = List.copyOf(all);
  }

  List<Volume> volumes() {
    return volumes;
  }

  /** Init, regular, then ephemeral containers. */
  List<ContainerView> containers() {
    return containers;
  }

  /**
   * Who mounts a volume, for messages: {@code init container "setup" at /data (subPath cache)}, or a
   * note that nothing mounts it (it is still a violation: the volume exists on the node).
   */
  String mountsOf(String volumeName) {
    List<String> mounts = new ArrayList<>();
    for (ContainerView container : containers) {
      for (VolumeMount mount : container.volumeMounts()) {
        if (volumeName != null && volumeName.equals(mount.getName())) {
          String subPath = mount.getSubPath() != null ? mount.getSubPath() : mount.getSubPathExpr();
          mounts.add(
              container.subject()
                  + " at "
                  + (mount.getMountPath() == null ? "<no mountPath>" : mount.getMountPath())
                  + (subPath == null ? "" : " (subPath " + subPath + ")"));
        }
      }
    }
    return mounts.isEmpty() ? "mounted by no container" : "mounted by " + mounts.stream().collect(Collectors.joining(", "));
  }

  private static ContainerView view(Subject.Kind kind, Container c) {
    return new ContainerView(
        kind,
        c.getName(),
        c.getSecurityContext(),
        c.getReadinessProbe(),
        !present(c.getPorts()).isEmpty(),
        present(c.getVolumeMounts()));
  }

  private static ContainerView view(EphemeralContainer c) {
    return new ContainerView(
        Subject.Kind.EPHEMERAL_CONTAINER,
        c.getName(),
        c.getSecurityContext(),
        c.getReadinessProbe(),
        !present(c.getPorts()).isEmpty(),
        present(c.getVolumeMounts()));
  }

  static <T> List<T> present(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }
}
