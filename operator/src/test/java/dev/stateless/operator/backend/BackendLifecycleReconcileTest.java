package dev.stateless.operator.backend;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.FakeBackendAccess;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External backends, switching modes, removing a backend and deleting the app, on the CRUD mock.
 * The mock has no garbage collector: what Kubernetes would collect is asserted through owner
 * references, what the operator deletes itself is asserted gone.
 */
@EnableKubernetesMockClient(crud = true)
class BackendLifecycleReconcileTest {

  static final String NS = "shop-ns";
  static final String REDIS_URL = "rediss://app:s3cr3t-Redis-pw@redis.example.com:6380";

  KubernetesMockServer server;
  KubernetesClient client;
  FakeBackendAccess backends = new FakeBackendAccess();
  OperatorHarness operator;

  @BeforeEach
  void startOperator() {
    TestApps.installCrd(client);
    operator = OperatorHarness.withBackends(server, client, backends);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  static StatelessApp externalApp() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setRedis(BackendApps.externalRedis("prod-redis"));
    app.getSpec().setObjectStorage(BackendApps.externalStorage("https://s3.eu-west-1.amazonaws.com", "shop-uploads", "s3-creds",
        DeletionPolicy.Retain));
    return app;
  }

  void createUserSecrets() {
    client.resource(BackendApps.userSecret(NS, "prod-redis", Map.of("url", REDIS_URL))).create();
    client.resource(BackendApps.userSecret(NS, "s3-creds", Map.of("accessKeyId", "AKIAEXAMPLE", "secretAccessKey", "wJalr-Secret-Key"))).create();
  }

  @Test
  void externalBackendsWaitForTheUsersSecretsNameWhatIsMissingAndPublishWhatTheyHold() {
    operator.apply(externalApp());
    StatelessApp app = operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "False", ProbeResult.REDIS_SECRET_INVALID));
    String message = OperatorHarness.condition(app, "BackendsReady").orElseThrow().getMessage();
    assertThat(message).contains("Secret prod-redis (key `url`) not found").contains("Secret s3-creds (key `accessKeyId`) not found");
    assertThat(OperatorHarness.condition(app, "Ready").orElseThrow().getReason()).isEqualTo("BackendsNotReady");
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName("shop-redis").get()).isNull();
    assertThat(backends.redisChecked).isEmpty();

    // A Secret without the key is named with the key.
    client.resource(BackendApps.userSecret(NS, "prod-redis", Map.of("uri", REDIS_URL))).create();
    operator.awaitApp(NS, "shop", a -> OperatorHarness.condition(a, "BackendsReady")
        .map(c -> c.getMessage().contains("Secret prod-redis has no key `url`")).orElse(false));

    client.secrets().inNamespace(NS).withName("prod-redis").delete();
    createUserSecrets();
    operator.awaitApp(NS, "shop", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE)
        .and(hasCondition("Ready", "False", "RollingOut")));

    Map<String, String> redis = BackendApps.values(client.secrets().inNamespace(NS).withName("shop-redis").get());
    assertThat(redis).isEqualTo(Map.of("type", "redis", "provider", "external", "host", "redis.example.com", "port", "6380",
        "password", "s3cr3t-Redis-pw", "uri", REDIS_URL));
    Secret s3Binding = client.secrets().inNamespace(NS).withName("shop-s3").get();
    assertThat(s3Binding.getType()).isEqualTo("servicebinding.io/s3");
    assertThat(BackendApps.values(s3Binding)).isEqualTo(Map.of("type", "s3", "provider", "external",
        "endpoint", "https://s3.eu-west-1.amazonaws.com", "region", "eu-west-1", "bucket", "shop-uploads",
        "access-key-id", "AKIAEXAMPLE", "secret-access-key", "wJalr-Secret-Key"));
    assertThat(backends.redisChecked).last().satisfies(c -> {
      assertThat(c.tls()).isTrue();
      assertThat(c.username()).isEqualTo("app");
      assertThat(c.password()).isEqualTo("s3cr3t-Redis-pw");
    });
    // An external bucket is the user's: the operator checks it, never creates it.
    assertThat(backends.objectStorageChecked).last().satisfies(c -> assertThat(c.createBucket()).isFalse());

    // Nothing is run for an external backend.
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).extracting(d -> d.getMetadata().getName())
        .containsExactly("shop");
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(env("AWS_ENDPOINT_URL_S3").getValue()).isEqualTo("https://s3.eu-west-1.amazonaws.com");
    assertThat(env("S3_FORCE_PATH_STYLE").getValue()).isEqualTo("true");
  }

  @Test
  void aRotatedUserSecretRollsTheAppOnceAndUnchangedSecretsWriteNothing() {
    createUserSecrets();
    operator.apply(externalApp());
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.markDeploymentAvailable(NS, "shop");
    operator.awaitApp(NS, "shop", hasCondition("Ready", "True", "Available"));
    operator.awaitIdle();
    String hashBefore = configHash();
    operator.forgetRequests();

    // The user's Secrets are read again every second here, and the checks repeat: nothing to write.
    int reconciles = operator.reconcilesFinished();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> operator.reconcilesFinished() >= reconciles + 2);
    operator.awaitIdle();
    assertThat(operator.writes()).isEmpty();

    String rotated = "rediss://app:n3w-Redis-pw@redis.example.com:6380";
    client.resource(BackendApps.userSecret(NS, "prod-redis", Map.of("url", rotated))).update();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hashBefore.equals(configHash()));
    operator.awaitIdle();
    assertThat(BackendApps.values(client.secrets().inNamespace(NS).withName("shop-redis").get())).containsEntry("uri", rotated);
    assertThat(operator.writes()).extracting(Call::toString)
        .containsOnlyOnce("PUT /api/v1/namespaces/shop-ns/secrets/shop-redis", "PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop")
        .doesNotContain("PUT /api/v1/namespaces/shop-ns/secrets/shop-s3");
  }

  /**
   * The digest on the pod template, which whoever may read Deployments sees, is keyed with the
   * binding Secrets' uids: it cannot be recomputed from guessed credentials and the rest of the
   * binding (host, port, bucket), all of which such a reader may know.
   */
  @Test
  void theTemplatesDigestCannotBeRecomputedFromTheBindingValues() {
    createUserSecrets();
    operator.apply(externalApp());
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    Secret redisBinding = client.secrets().inNamespace(NS).withName("shop-redis").get();
    Secret storageBinding = client.secrets().inNamespace(NS).withName("shop-s3").get();
    assertThat(redisBinding.getMetadata().getUid()).isNotBlank();

    String plain = Backends.contentHash(Optional.of(BackendApps.values(redisBinding)), Optional.of(BackendApps.values(storageBinding)))
        .orElseThrow();
    assertThat(configHash()).isNotBlank().isNotEqualTo(plain);
  }

  @Test
  void switchingRedisFromManagedToExternalRemovesTheServerAndRepointsTheBinding() {
    createUserSecrets();
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    String hashBefore = configHash();
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop-redis").get()).isNotNull();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setRedis(BackendApps.externalRedis("prod-redis"));
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hashBefore.equals(configHash()));
    operator.awaitIdle();

    assertThat(client.apps().deployments().inNamespace(NS).withName("shop-redis").get()).isNull();
    assertThat(client.services().inNamespace(NS).withName("shop-redis").get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName("shop-redis-credentials").get()).isNull();
    assertThat(BackendApps.values(client.secrets().inNamespace(NS).withName("shop-redis").get()))
        .containsEntry("provider", "external").containsEntry("uri", REDIS_URL);
    // Object storage did not move.
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop-s3").get()).isNotNull();
  }

  @Test
  void removingObjectStorageRemovesItsServerAndBindingButRetainsItsVolumeAndKeys() {
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setObjectStorage(null);
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(NS).withName("shop-s3").get() == null);
    operator.awaitIdle();

    assertThat(client.services().inNamespace(NS).withName("shop-s3").get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName("shop-s3").get()).isNull();
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get()).isNotNull();
    assertThat(client.secrets().inNamespace(NS).withName("shop-s3-credentials").get()).isNotNull();
    assertThat(appEnvNames()).contains("REDIS_URL").doesNotContain("AWS_ENDPOINT_URL_S3", "S3_BUCKET", "AWS_SECRET_ACCESS_KEY");
    assertThat(backends.bucketsRemoved).isEmpty();

    // Added back, it finds its volume and keys again: the same data, readable with the same keys.
    String keyBefore = BackendApps.values(client.secrets().inNamespace(NS).withName("shop-s3-credentials").get()).get("secret-access-key");
    app = operator.get(NS, "shop");
    app.getSpec().setObjectStorage(BackendApps.managedStorage(DeletionPolicy.Retain));
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(NS).withName("shop-s3").get() != null);
    operator.awaitIdle();
    assertThat(BackendApps.values(client.secrets().inNamespace(NS).withName("shop-s3").get())).containsEntry("secret-access-key", keyBefore);
  }

  @Test
  void removingObjectStorageUnderDeleteDeletesItsVolumeAndKeys() {
    StatelessApp app = BackendApps.managed(NS, "shop");
    app.getSpec().setObjectStorage(BackendApps.managedStorage(DeletionPolicy.Delete));
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get().getMetadata().getOwnerReferences())
        .singleElement().satisfies(ref -> assertThat(ref.getName()).isEqualTo("shop"));

    app = operator.get(NS, "shop");
    app.getSpec().setObjectStorage(null);
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get() == null);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace(NS).withName("shop-s3-credentials").get() == null);
  }

  @Test
  void switchingTheDeletionPolicyMovesTheOwnerOfTheVolumeAndKeysBothWays() {
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    assertThat(owners("shop-s3")).isEmpty();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Delete);
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> owners("shop-s3").equals(List.of("shop")));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace(NS).withName("shop-s3-credentials").get()
        .getMetadata().getOwnerReferences().size() == 1);
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get().getMetadata().getAnnotations())
        .containsEntry(RetainedChildDependent.DELETION_POLICY_ANNOTATION, "Delete");

    app = operator.get(NS, "shop");
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Retain);
    operator.apply(app);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> owners("shop-s3").isEmpty());
  }

  @Test
  void deletingTheAppUnderRetainLeavesTheVolumeKeysAndBucket() {
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "shop") == null);

    assertThat(backends.bucketsRemoved).isEmpty();
    // No owner: Kubernetes' garbage collector leaves them when the app goes.
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get().getMetadata().getOwnerReferences()).isEmpty();
    assertThat(client.secrets().inNamespace(NS).withName("shop-s3-credentials").get().getMetadata().getOwnerReferences()).isEmpty();
  }

  @Test
  void deletingTheAppUnderDeleteEmptiesAndDeletesTheBucketThenTheVolumeAndKeys() {
    StatelessApp app = BackendApps.managed(NS, "shop");
    app.getSpec().setObjectStorage(BackendApps.managedStorage(DeletionPolicy.Delete));
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    String secretKey = BackendApps.values(client.secrets().inNamespace(NS).withName("shop-s3").get()).get("secret-access-key");

    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "shop") == null);

    assertThat(backends.bucketsRemoved).singleElement().satisfies(c -> {
      assertThat(c.bucket()).isEqualTo("shop-ns-shop");
      assertThat(c.secretAccessKey()).isEqualTo(secretKey);
    });
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("shop-s3").get()).isNull();
    assertThat(client.secrets().inNamespace(NS).withName("shop-s3-credentials").get()).isNull();
  }

  @Test
  void anExternalBucketThatCannotBeDeletedYetHoldsTheAppUntilItCan() {
    createUserSecrets();
    StatelessApp app = externalApp();
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Delete);
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    backends.bucketRemoval.set(ProbeResult.failed(ProbeResult.OBJECT_STORAGE_ACCESS_DENIED,
        "object storage at https://s3.eu-west-1.amazonaws.com denied access to bucket shop-uploads: AccessDenied (HTTP 403)"));
    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> BackendEvents.BUCKET_DELETION_FAILED.equals(e.getReason()) && e.getMessage().contains("AccessDenied")));
    assertThat(operator.get(NS, "shop")).isNotNull();
    assertThat(operator.get(NS, "shop").getMetadata().getDeletionTimestamp()).isNotNull();

    backends.bucketRemoval.set(ProbeResult.ok("bucket shop-uploads emptied and deleted"));
    // The retry comes 30 s later in production; here the test hurries it with an edit of the app.
    StatelessApp deleting = operator.get(NS, "shop");
    deleting.getMetadata().setAnnotations(Map.of("touch", "1"));
    client.resource(deleting).update();
    Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> operator.get(NS, "shop") == null);
    assertThat(backends.bucketsRemoved).extracting(ObjectStorageConnection::bucket).contains("shop-uploads");
  }

  private List<String> owners(String volume) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(volume).get().getMetadata().getOwnerReferences().stream()
        .map(io.fabric8.kubernetes.api.model.OwnerReference::getName).toList();
  }

  private Deployment appDeployment() {
    return client.apps().deployments().inNamespace(NS).withName("shop").get();
  }

  private String configHash() {
    return appDeployment().getSpec().getTemplate().getMetadata().getAnnotations().get(AppPodTemplate.CONFIG_HASH_ANNOTATION);
  }

  private EnvVar env(String name) {
    return appDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> name.equals(e.getName())).findFirst().orElseThrow();
  }

  private List<String> appEnvNames() {
    return appDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();
  }
}
