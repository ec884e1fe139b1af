package dev.stateless.operator.backend;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security context of the managed backends' pods: the Pod Security Standards' "restricted"
 * profile, as for the app, with the user id the image's files belong to. Unlike the app, a backend
 * may keep files (the object storage's volume, Redis's working directory); that is its job.
 */
final class BackendPods {

  private BackendPods() {}

  static PodSecurityContext podSecurityContext(long uid) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(uid)
        .withRunAsGroup(uid)
        // Volumes are made writable for this group, so a fresh PersistentVolume works without root.
        .withFsGroup(uid)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }
}
