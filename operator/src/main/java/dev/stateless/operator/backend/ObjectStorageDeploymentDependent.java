package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed object storage: Deployment {@code <app>-s3} running an S3-compatible server (MinIO
 * by default) on the volume {@code <app>-s3}, with the root keys of {@code <app>-s3-credentials}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = BackendLabels.OBJECT_STORAGE_SELECTOR))
public class ObjectStorageDeploymentDependent extends BackendChildDependent<Deployment> {

  static final long SERVER_UID = 1000;
  static final String PORT_NAME = "s3";

  public ObjectStorageDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorage(app);
  }

  @Override
  protected Deployment build(AppSettings app, Backends backends, Optional<Deployment> existing) {
    ObjectStorageConnection storage = backends.objectStorage().orElseThrow();
    // The server reads its keys and region only when it starts.
    String configDigest = ContentDigest.of(Map.of(
        "access-key-id", storage.accessKeyId(), "secret-access-key", storage.secretAccessKey(), "region", storage.region()));
    // The data volume is ReadWriteOnce: one server at a time, which the single-server Deployment ensures.
    List<Volume> volumes = List.of(
        new VolumeBuilder().withName("data")
            .withNewPersistentVolumeClaim().withClaimName(BackendNames.objectStorage(app.app())).endPersistentVolumeClaim()
            .build(),
        new VolumeBuilder().withName("tmp")
            .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("64Mi")).endEmptyDir()
            .build());
    return BackendPods.singleServer(app, AppLabels.Component.OBJECT_STORAGE, nameFor(app.app()), SERVER_UID, configDigest,
        server(app, ObjectStorageSettings.of(app).orElseThrow(), storage), volumes);
  }

  private static Container server(AppSettings app, ObjectStorageSettings settings, ObjectStorageConnection storage) {
    String credentials = BackendNames.objectStorageCredentials(app.app());
    return new ContainerBuilder()
        .withName("s3")
        .withImage(settings.image())
        .withCommand("minio")
        .withArgs("server", "/data", "--address", ":" + BackendNames.OBJECT_STORAGE_PORT, "--certs-dir", "/tmp/certs")
        .withEnv(
            BackendPods.fromSecret("MINIO_ROOT_USER", credentials, ManagedCredentials.ACCESS_KEY_ID),
            BackendPods.fromSecret("MINIO_ROOT_PASSWORD", credentials, ManagedCredentials.SECRET_ACCESS_KEY),
            new EnvVar("MINIO_SITE_REGION", storage.region(), null),
            // The web console is not exposed; only the S3 API is.
            new EnvVar("MINIO_BROWSER", "off", null),
            // The root filesystem is read-only; the server's own scratch files go to /tmp.
            new EnvVar("HOME", "/tmp", null))
        .addNewPort().withName(PORT_NAME).withContainerPort(BackendNames.OBJECT_STORAGE_PORT).withProtocol("TCP").endPort()
        .withReadinessProbe(health("/minio/health/ready", 5))
        .withLivenessProbe(health("/minio/health/live", 10))
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
        .endResources()
        .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  private static Probe health(String path, int periodSeconds) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(PORT_NAME)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(3)
        .build();
  }
}
