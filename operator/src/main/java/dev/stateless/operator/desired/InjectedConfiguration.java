package dev.stateless.operator.desired;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import dev.stateless.operator.backend.BackendInjection;
import dev.stateless.operator.backend.Backends;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator injects into the app's containers and scheduled jobs: environment variables
 * (secrets only by reference), and the volumes and mounts that carry files.
 * {@code referencedContentHash} is a digest of the content those references point to (the binding
 * Secrets), null when there is none: the pod template carries it, so that a changed value rolls
 * the pods that read it at start.
 */
public record InjectedConfiguration(List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts, String referencedContentHash) {

  public InjectedConfiguration(List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {
    this(env, volumes, mounts, null);
  }

  public static final String POD_NAME = "POD_NAME";

  public static final String JWT_JWKS_FILE = "JWT_JWKS_FILE";
  public static final String JWT_MOUNT_PATH = "/var/run/stateless.dev/jwt";
  static final String JWT_VOLUME = "jwt-keys";

  /** As {@code render} shows it: the backends' values are not known yet (the digest is of placeholders). */
  public static InjectedConfiguration of(AppSettings app) {
    return of(app, Backends.forRender(app).contentHash().orElse(null));
  }

  /** @param referencedContentHash the digest of the backends' values for the pod template, or null */
  public static InjectedConfiguration of(AppSettings app, String referencedContentHash) {
    List<EnvVar> env = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    env.add(new EnvVarBuilder()
        .withName(POD_NAME)
        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom()
        .build());
    if (app.spec().getJwt() != null) {
      // Mounted, not injected as a variable: the kubelet refreshes a mounted Secret, so a rotation
      // reaches running pods without a restart, and the pod template does not change with it.
      volumes.add(new VolumeBuilder()
          .withName(JWT_VOLUME)
          .withNewSecret().withSecretName(SigningKeys.secretName(app.app())).withDefaultMode(0444).endSecret()
          .build());
      mounts.add(new VolumeMountBuilder().withName(JWT_VOLUME).withMountPath(JWT_MOUNT_PATH).withReadOnly(true).build());
      env.add(new EnvVar(JWT_JWKS_FILE, JWT_MOUNT_PATH + "/" + SigningKeys.SECRET_KEY, null));
    }
    BackendInjection.addTo(app, env, volumes, mounts);
    return new InjectedConfiguration(env, volumes, mounts, referencedContentHash);
  }
}
