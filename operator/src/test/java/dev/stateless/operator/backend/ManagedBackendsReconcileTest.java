package dev.stateless.operator.backend;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.FakeBackendAccess;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Managed Redis and object storage on the CRUD mock: what is created, what the app gets, what a resync costs. */
@EnableKubernetesMockClient(crud = true)
class ManagedBackendsReconcileTest {

  static final String NS = "shop-ns";

  KubernetesMockServer server;
  KubernetesClient client;
  FakeBackendAccess backends = new FakeBackendAccess();
  OperatorHarness operator;

  @BeforeEach
  void startOperator() {
    TestApps.installCrd(client);
    operator = startedOperator();
  }

  private OperatorHarness startedOperator() {
    return OperatorHarness.withBackends(server, client, backends);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void createsEveryBackendObjectOnceTheAppOnceTheyAnswerAndNothingOnANoOpResync() {
    operator.forgetRequests();
    StatelessApp app = BackendApps.managed(NS, "shop");
    app.getSpec().setServiceBindingRoot("/bindings");
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE)
        .and(hasCondition("Ready", "False", "RollingOut")));
    operator.awaitIdle();

    List<String> writes = operator.writes().stream().map(Call::toString).toList();
    assertThat(writes).filteredOn(w -> !w.endsWith("/status")).containsExactlyInAnyOrder(
        "POST /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps",
        // No finalizer under deletionPolicy Retain.
        // shop-redis-credentials, shop-redis, shop-s3-credentials, shop-s3
        "POST /api/v1/namespaces/shop-ns/secrets",
        "POST /api/v1/namespaces/shop-ns/secrets",
        "POST /api/v1/namespaces/shop-ns/secrets",
        "POST /api/v1/namespaces/shop-ns/secrets",
        "POST /api/v1/namespaces/shop-ns/persistentvolumeclaims",
        // shop-redis, shop-s3, then shop once the checks passed
        "POST /apis/apps/v1/namespaces/shop-ns/deployments",
        "POST /apis/apps/v1/namespaces/shop-ns/deployments",
        "POST /apis/apps/v1/namespaces/shop-ns/deployments",
        "POST /api/v1/namespaces/shop-ns/services",
        "POST /api/v1/namespaces/shop-ns/services",
        "POST /api/v1/namespaces/shop-ns/services",
        "POST /apis/policy/v1/namespaces/shop-ns/poddisruptionbudgets");
    // The status is put whole once, then patched when the first check reports (unless it already
    // had when the first status was computed: the checks run beside the reconcile, not in it).
    assertThat(writes).filteredOn(w -> w.endsWith("/status")).first()
        .isEqualTo("PUT /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop/status");
    List<String> statusWrites = writes.stream().filter(w -> w.endsWith("/status")).toList();
    assertThat(statusWrites).hasSizeBetween(1, 2);
    assertThat(statusWrites.subList(1, statusWrites.size()))
        .allMatch("PATCH /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop/status"::equals);

    Secret redisBinding = secret("shop-redis");
    assertThat(redisBinding.getType()).isEqualTo("servicebinding.io/redis");
    Map<String, String> redis = BackendApps.values(redisBinding);
    assertThat(redis).containsOnlyKeys("type", "provider", "host", "port", "password", "uri")
        .containsEntry("type", "redis")
        .containsEntry("host", "shop-redis.shop-ns.svc")
        .containsEntry("port", "6379");
    String password = redis.get("password");
    assertThat(password).hasSize(40).isAlphanumeric();
    assertThat(redis.get("uri")).isEqualTo("redis://:" + password + "@shop-redis.shop-ns.svc:6379");
    assertThat(BackendApps.values(secret("shop-redis-credentials"))).containsExactly(Map.entry("password", password));

    Secret s3Binding = secret("shop-s3");
    assertThat(s3Binding.getType()).isEqualTo("servicebinding.io/s3");
    Map<String, String> s3 = BackendApps.values(s3Binding);
    assertThat(s3).containsOnlyKeys("type", "provider", "endpoint", "region", "bucket", "access-key-id", "secret-access-key")
        .containsEntry("type", "s3")
        .containsEntry("provider", "minio")
        .containsEntry("endpoint", "http://shop-s3.shop-ns.svc:9000")
        .containsEntry("region", "us-east-1")
        .containsEntry("bucket", "shop-ns-shop");
    assertThat(BackendApps.values(secret("shop-s3-credentials"))).isEqualTo(Map.of(
        "access-key-id", s3.get("access-key-id"), "secret-access-key", s3.get("secret-access-key")));

    // The checks connected with exactly what the app gets; the managed bucket is the operator's to create.
    assertThat(backends.redisChecked).last().satisfies(c -> assertThat(c.password()).isEqualTo(password));
    assertThat(backends.objectStorageChecked).last().satisfies(c -> {
      assertThat(c.secretAccessKey()).isEqualTo(s3.get("secret-access-key"));
      assertThat(c.createBucket()).isTrue();
      assertThat(c.forcePathStyle()).isTrue();
    });

    Container container = appContainer();
    Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    assertSecretRef(env.get("REDIS_URL"), "shop-redis", "uri");
    assertThat(env.get("REDIS_KEY_PREFIX").getValue()).isEqualTo("shop-ns:shop:");
    assertThat(env.get("AWS_ENDPOINT_URL_S3").getValue()).isEqualTo("http://shop-s3.shop-ns.svc:9000");
    assertThat(env.get("AWS_REGION").getValue()).isEqualTo("us-east-1");
    assertThat(env.get("S3_BUCKET").getValue()).isEqualTo("shop-ns-shop");
    assertThat(env.get("S3_FORCE_PATH_STYLE").getValue()).isEqualTo("true");
    assertSecretRef(env.get("AWS_ACCESS_KEY_ID"), "shop-s3", "access-key-id");
    assertSecretRef(env.get("AWS_SECRET_ACCESS_KEY"), "shop-s3", "secret-access-key");
    assertThat(env.get("SERVICE_BINDING_ROOT").getValue()).isEqualTo("/bindings");
    assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .contains(org.assertj.core.groups.Tuple.tuple("/bindings/redis", true), org.assertj.core.groups.Tuple.tuple("/bindings/s3", true));
    assertThat(appDeployment().getSpec().getTemplate().getMetadata().getAnnotations()).containsKey(AppPodTemplate.CONFIG_HASH_ANNOTATION);

    Deployment redisServer = client.apps().deployments().inNamespace(NS).withName("shop-redis").get();
    Container redisContainer = redisServer.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(redisContainer.getArgs()).containsSubsequence("--requirepass", "$(REDIS_PASSWORD)")
        .containsSubsequence("--save", "", "--appendonly", "no");
    assertThat(redisContainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(redisServer.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(999L);
    assertThat(redisContainer.getReadinessProbe().getExec().getCommand()).contains("sh", "-c");
    assertThat(redisContainer.getResources().getRequests()).containsKeys("cpu", "memory");

    PersistentVolumeClaim volume = client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get();
    assertThat(volume.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");

    // Never a literal secret in a pod spec: every Deployment is free of the generated values.
    for (Deployment deployment : client.apps().deployments().inNamespace(NS).list().getItems()) {
      String json = client.getKubernetesSerialization().asJson(deployment);
      assertThat(json).as(deployment.getMetadata().getName())
          .doesNotContain(password).doesNotContain(s3.get("secret-access-key")).doesNotContain(s3.get("access-key-id"));
    }

    // Retain (the default): the volume and its keys carry no owner and outlive the app; the rest is owned.
    assertThat(volume.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(secret("shop-s3-credentials").getMetadata().getOwnerReferences()).isEmpty();
    for (HasMetadata owned : List.of(secret("shop-redis"), secret("shop-s3"), secret("shop-redis-credentials"), redisServer,
        client.apps().deployments().inNamespace(NS).withName("shop-s3").get(), client.services().inNamespace(NS).withName("shop-s3").get())) {
      assertThat(owned.getMetadata().getOwnerReferences()).as(owned.getMetadata().getName()).singleElement()
          .satisfies(ref -> assertThat(ref.getName()).isEqualTo("shop"));
    }

    // A restart is a full resync, with new checks: nothing has changed, nothing is written (the
    // verdict on record stands until the first new check confirms it).
    operator.close();
    int checksBefore = backends.redisChecked.size();
    operator = startedOperator();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.reconcilesFinished() >= 1 && backends.redisChecked.size() > checksBefore);
    operator.awaitIdle();
    assertThat(operator.writes()).isEmpty();
  }

  @Test
  void aNewPasswordRollsTheAppOnceAndNothingRollsItWhenNothingChanged() {
    runningManagedApp();
    String hashBefore = configHash();
    operator.forgetRequests();

    // Healthy backends are checked again every 2 s here; an unchanged verdict writes nothing.
    int checksBefore = backends.redisChecked.size();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backends.redisChecked.size() >= checksBefore + 2);
    operator.awaitIdle();
    assertThat(operator.writes()).isEmpty();
    assertThat(configHash()).isEqualTo(hashBefore);

    String newPassword = "RotatedByHand0123456789";
    rotateRedisPassword(newPassword);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hashBefore.equals(configHash()));
    operator.awaitIdle();

    assertThat(BackendApps.values(secret("shop-redis"))).containsEntry("password", newPassword);
    List<String> writes = operator.writes().stream().map(Call::toString).toList();
    // The edit, then the operator's update of the digest annotation it keeps on its own objects.
    assertThat(writes).filteredOn("PUT /api/v1/namespaces/shop-ns/secrets/shop-redis-credentials"::equals).hasSize(2);
    assertThat(writes).containsOnlyOnce(
        "PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop",
        "PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop-redis",
        "PUT /api/v1/namespaces/shop-ns/secrets/shop-redis");
    // The app's pod spec is the same but for the hash: no variable, no literal.
    assertThat(appContainer().getEnv()).extracting(EnvVar::getName).contains("REDIS_URL");
  }

  @Test
  void failingBackendsKeepTheRunningVersionAndAreReportedWithTheirReason() {
    runningManagedApp();
    String hashBefore = configHash();

    // Redis refuses whatever password comes next; the one in use keeps working meanwhile.
    String oldPassword = BackendApps.values(secret("shop-redis")).get("password");
    backends.redisRefusal.set(ProbeResult.failed(ProbeResult.REDIS_AUTHENTICATION_FAILED,
        "Redis at shop-redis.shop-ns.svc:6379 refused the credentials: WRONGPASS"));
    backends.redisRefuses.set(connection -> !connection.password().equals(oldPassword));
    rotateRedisPassword("RotatedByHand0123456789");
    StatelessApp app = operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "False", ProbeResult.REDIS_AUTHENTICATION_FAILED)
        .and(hasCondition("Ready", "False", "BackendsNotReady")));
    assertThat(OperatorHarness.condition(app, "BackendsReady").orElseThrow().getMessage()).contains("shop-redis").contains("refused");
    assertThat(OperatorHarness.condition(app, "Ready").orElseThrow().getMessage()).contains("keeps its current configuration");
    operator.awaitIdle();
    assertThat(appDeployment()).isNotNull();
    assertThat(configHash()).isEqualTo(hashBefore);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events().stream().anyMatch(e -> "Warning".equals(e.getType())
        && ProbeResult.REDIS_AUTHENTICATION_FAILED.equals(e.getReason())));

    backends.redisRefuses.set(connection -> false);
    operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hashBefore.equals(configHash()));
    assertThat(BackendApps.values(secret("shop-redis")).get("password")).isNotEqualTo(oldPassword);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events().stream().anyMatch(e -> "Normal".equals(e.getType())
        && BackendEvents.RECOVERED.equals(e.getReason())));
  }

  @Test
  void whileBackendsAreDownScalingTakesEffectButANewTemplateWaits() {
    runningManagedApp();
    String hashBefore = configHash();
    String imageBefore = appContainer().getImage();
    backends.objectStorage.set(ProbeResult.failed(ProbeResult.OBJECT_STORAGE_UNREACHABLE,
        "object storage at http://shop-s3.shop-ns.svc:9000 is unreachable: Connection refused"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "BackendsNotReady"));
    operator.awaitIdle();
    operator.forgetRequests();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setReplicas(5);
    app.getSpec().setImage("registry.example.com/shop:2.0.0");
    client.resource(app).update();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> appDeployment().getSpec().getReplicas() == 5);
    operator.awaitIdle();

    assertThat(appContainer().getImage()).as("the template waits for the backends").isEqualTo(imageBefore);
    assertThat(configHash()).isEqualTo(hashBefore);
    assertThat(operator.writes()).filteredOn(call -> call.path().contains("/deployments")).extracting(Object::toString)
        .containsExactly("PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop");

    backends.objectStorage.set(ProbeResult.ok("bucket writable"));
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> appContainer().getImage().equals("registry.example.com/shop:2.0.0"));
    assertThat(appDeployment().getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void aNewAppWaitsForItsBackendsBeforeItsDeploymentIsCreated() {
    backends.objectStorage.set(ProbeResult.failed(ProbeResult.OBJECT_STORAGE_UNREACHABLE,
        "object storage at http://shop-s3.shop-ns.svc:9000 is unreachable: Connection refused"));
    operator.apply(BackendApps.managed(NS, "shop"));
    StatelessApp app = operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "False", ProbeResult.OBJECT_STORAGE_UNREACHABLE));
    assertThat(OperatorHarness.condition(app, "Ready").orElseThrow().getMessage()).contains("created once they are");
    // Retried on a bounded backoff (100, 200, 400, 400 ms here) while failing.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backends.objectStorageChecked.size() >= 4);
    assertThat(appDeployment()).isNull();

    backends.objectStorage.set(ProbeResult.ok("bucket created and writable"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    assertThat(appDeployment()).isNotNull();
  }

  /** The app with managed backends, rolled out and Ready, and the operator idle. */
  private void runningManagedApp() {
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.markDeploymentAvailable(NS, "shop");
    operator.awaitApp(NS, "shop", hasCondition("Ready", "True", "Available"));
    operator.awaitIdle();
  }

  /** A new password in the managed Redis's credentials, as an administrator would rotate it. */
  private void rotateRedisPassword(String password) {
    Secret credentials = secret("shop-redis-credentials");
    credentials.setData(SecretData.encode(Map.of("password", password)));
    client.resource(credentials).update();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(NS).withName(name).get();
  }

  private Deployment appDeployment() {
    return client.apps().deployments().inNamespace(NS).withName("shop").get();
  }

  private Container appContainer() {
    return appDeployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private String configHash() {
    return appDeployment().getSpec().getTemplate().getMetadata().getAnnotations().get(AppPodTemplate.CONFIG_HASH_ANNOTATION);
  }

  private List<io.fabric8.kubernetes.api.model.Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }

  private static void assertSecretRef(EnvVar variable, String secret, String key) {
    assertThat(variable.getValue()).isNull();
    assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
    assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
  }
}
