package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
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
 * The managed Redis: Deployment {@code <app>-redis}, one pod, no persistence (sessions and caches
 * are rebuilt, not restored), the password from {@code <app>-redis-credentials}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = BackendLabels.REDIS_SELECTOR))
public class RedisDeploymentDependent extends BackendChildDependent<Deployment> {

  /** The uid and gid the official redis images own their files with. */
  static final long REDIS_UID = 999;
  static final String PORT_NAME = "redis";
  private static final String PASSWORD_VARIABLE = "REDIS_PASSWORD";

  public RedisDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.redis(app);
  }

  @Override
  protected Deployment build(AppSettings app, Backends backends, Optional<Deployment> existing) {
    RedisConnection redis = backends.redis().orElseThrow();
    // A regenerated password must restart Redis: it reads the password only when it starts.
    String configDigest = ContentDigest.of(Map.of("password", redis.password()));
    return BackendPods.singleServer(app, AppLabels.Component.REDIS, nameFor(app.app()), REDIS_UID, configDigest,
        server(app, RedisSettings.of(app).orElseThrow()), List.of(workingDirectory()));
  }

  private static Container server(AppSettings app, RedisSettings settings) {
    String credentials = BackendNames.redisCredentials(app.app());
    return new ContainerBuilder()
        .withName("redis")
        .withImage(settings.image())
        .withCommand("redis-server")
        // Kubernetes substitutes $(REDIS_PASSWORD) from the env, so the pod spec holds no password;
        // no RDB snapshots and no append-only file: nothing is written to disk.
        .withArgs("--port", Integer.toString(BackendNames.REDIS_PORT), "--requirepass", "$(" + PASSWORD_VARIABLE + ")",
            "--save", "", "--appendonly", "no", "--dir", "/data")
        .withEnv(BackendPods.fromSecret(PASSWORD_VARIABLE, credentials, ManagedCredentials.PASSWORD),
            // redis-cli reads its password from here, so the readiness probe needs none on its command line.
            BackendPods.fromSecret("REDISCLI_AUTH", credentials, ManagedCredentials.PASSWORD))
        .addNewPort().withName(PORT_NAME).withContainerPort(BackendNames.REDIS_PORT).withProtocol("TCP").endPort()
        .withNewReadinessProbe()
        .withNewExec().withCommand("sh", "-c", "redis-cli -p " + BackendNames.REDIS_PORT + " ping | grep -q PONG").endExec()
        .withPeriodSeconds(5).withTimeoutSeconds(2).withFailureThreshold(3)
        .endReadinessProbe()
        .withNewLivenessProbe()
        .withNewTcpSocket().withPort(new IntOrString(PORT_NAME)).endTcpSocket()
        .withPeriodSeconds(10).withTimeoutSeconds(2).withFailureThreshold(3)
        .endLivenessProbe()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")))
        .endResources()
        .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .build();
  }

  /** Redis's working directory, on a read-only root filesystem; it stays empty without persistence. */
  private static Volume workingDirectory() {
    return new VolumeBuilder().withName("data")
        .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi")).endEmptyDir()
        .build();
  }
}
