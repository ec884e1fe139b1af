package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
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
    RedisSettings settings = RedisSettings.of(app).orElseThrow();
    RedisConnection redis = backends.redis().orElseThrow();
    Map<String, String> labels = AppLabels.of(app.app(), AppLabels.Component.REDIS);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(nameFor(app.app()))
        .withNamespace(app.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector().withMatchLabels(labels).endSelector()
        // A second instance during a rollout would be a second, empty Redis behind the Service.
        .withNewStrategy().withType("Recreate").endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        // A regenerated password must restart Redis: it reads the password only when it starts.
        .withAnnotations(Map.of(AppPodTemplate.CONFIG_HASH_ANNOTATION, ContentDigest.of(Map.of("password", redis.password()))))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(BackendPods.podSecurityContext(REDIS_UID))
        .addNewContainer()
        .withName("redis")
        .withImage(settings.image())
        .withCommand("redis-server")
        // Kubernetes substitutes $(REDIS_PASSWORD) from the env, so the pod spec holds no password;
        // no RDB snapshots and no append-only file: nothing is written to disk.
        .withArgs("--port", Integer.toString(BackendNames.REDIS_PORT), "--requirepass", "$(" + PASSWORD_VARIABLE + ")",
            "--save", "", "--appendonly", "no", "--dir", "/data")
        .withEnv(passwordFromSecret(app, PASSWORD_VARIABLE),
            // redis-cli reads its password from here, so the readiness probe needs none on its command line.
            passwordFromSecret(app, "REDISCLI_AUTH"))
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
        .withSecurityContext(BackendPods.containerSecurityContext())
        .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .endContainer()
        // Redis's working directory, on a read-only root filesystem; it stays empty without persistence.
        .addNewVolume().withName("data").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi")).endEmptyDir().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static EnvVar passwordFromSecret(AppSettings app, String variable) {
    return new EnvVarBuilder()
        .withName(variable)
        .withNewValueFrom().withNewSecretKeyRef()
        .withName(BackendNames.redisCredentials(app.app()))
        .withKey(ManagedCredentials.PASSWORD)
        .endSecretKeyRef().endValueFrom()
        .build();
  }
}
