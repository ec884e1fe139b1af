package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendEvents;
import dev.stateless.operator.backend.ProbeResult;
import dev.stateless.operator.monitoring.ManagedAppsGauge;
import dev.stateless.operator.testing.ApiAccess;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.FakeBackendAccess;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import dev.stateless.operator.verification.ViolationGauge;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.ReconcilerUtils;
import io.javaoperatorsdk.operator.processing.Controller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only an app whose deletion must delete data carries the finalizer, on the CRUD mock. The mock
 * has no garbage collector: children are asserted to carry their owner reference, and the
 * operator's own requests to leave them alone.
 */
@EnableKubernetesMockClient(crud = true)
class DeletionPolicyFinalizerTest {

  static final String NS = "shop-ns";
  static final String APP_PATH = "/apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/";

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
  void keepsTheFinalizerNameEarlierVersionsPutOnEveryApp() {
    assertThat(DeletionPolicyReconciler.FINALIZER).isEqualTo(ReconcilerUtils.getDefaultFinalizerName(StatelessApp.class));
  }

  @Test
  void noControllerHasJosdkPutItsOwnFinalizerOnEveryApp() {
    // Neither a Cleaner nor a dependent that JOSDK must delete itself (all go by owner references).
    assertThat(operator.runtimeInfo().getRegisteredControllers()).hasSize(2).allSatisfy(controller ->
        assertThat(((Controller<?>) controller).useFinalizer()).as(controller.getConfiguration().getName()).isFalse());
  }

  @Test
  void anAppThatNeedsNoCleanUpNeverGetsTheFinalizerAndGoesAtOnceWithNothingLeftRunningForIt() {
    operator.apply(TestApps.app(NS, "plain"));
    operator.apply(BackendApps.managed(NS, "kept"));
    operator.awaitApp(NS, "plain", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitApp(NS, "kept", hasCondition("BackendsReady", "True", null));
    operator.awaitIdle();
    assertThat(operator.get(NS, "plain").getMetadata().getFinalizers()).isEmpty();
    assertThat(operator.get(NS, "kept").getMetadata().getFinalizers()).isEmpty();
    assertThat(operator.meterRegistry().find(ViolationGauge.NAME).gauges()).hasSize(2);
    operator.forgetRequests();

    client.resources(StatelessApp.class).inNamespace(NS).withName("plain").delete();
    client.resources(StatelessApp.class).inNamespace(NS).withName("kept").delete();
    // Nothing holds them: gone with the delete request, before the operator has even heard of it.
    assertThat(operator.get(NS, "plain")).isNull();
    assertThat(operator.get(NS, "kept")).isNull();
    operator.awaitIdle();

    // The operator neither re-created nor deleted anything: the children are Kubernetes' garbage
    // collector's, through their owner references.
    assertThat(operator.writes()).extracting(Call::toString)
        .containsExactly("DELETE " + APP_PATH + "plain", "DELETE " + APP_PATH + "kept");
    assertThat(client.apps().deployments().inNamespace(NS).withName("plain").get().getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getName).containsExactly("plain");
    assertThat(backends.bucketsRemoved).isEmpty();
    // And nothing is remembered of them: no gauge series, no count, no backend checks.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(operator.meterRegistry().find(ViolationGauge.NAME).gauges()).isEmpty();
      assertThat(operator.meterRegistry().get(ManagedAppsGauge.NAME).gauge().value()).isZero();
    });
    int checks = backends.redisChecked.size();
    Awaitility.await().pollDelay(FakeBackendAccess.FAST.healthyInterval().multipliedBy(2)).until(() -> true);
    assertThat(backends.redisChecked).hasSize(checks);
  }

  @Test
  void anAppWithDeletionPolicyDeleteIsHeldUntilItsBucketIsDeletedThenReleased() {
    operator.forgetRequests();
    operator.apply(deleting("shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut").and(holdsFinalizer()));
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString)
        .as("one write for the finalizer, on top of the children and the status")
        .containsOnlyOnce("PATCH " + APP_PATH + "shop");

    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "shop") == null);
    operator.awaitIdle();

    assertThat(backends.bucketsRemoved).singleElement().satisfies(c -> assertThat(c.bucket()).isEqualTo("shop-ns-shop"));
    List<String> writes = operator.writes().stream().map(Call::toString).toList();
    assertThat(writes).containsSubsequence(
        "DELETE " + APP_PATH + "shop",
        // The managed volume and keys, after the bucket; then the finalizer lets the app go.
        "DELETE /api/v1/namespaces/shop-ns/persistentvolumeclaims/shop-s3",
        "DELETE /api/v1/namespaces/shop-ns/secrets/shop-s3-credentials",
        "PATCH " + APP_PATH + "shop");
    assertThat(writes).noneMatch(w -> w.startsWith("POST") && !w.endsWith("/events"));
  }

  /**
   * A finalizer patch refused with a conflict (someone else changed the app's finalizers meanwhile)
   * is retried by JOSDK on a fresh read of the app: the chart's RBAC must allow that read.
   */
  @Test
  void aFinalizerPatchMetWithAConflictIsRetriedOnAFreshCopy() {
    server.expect().patch().withPath(APP_PATH + "shop")
        .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("the object has been modified").build())
        .once();
    operator.apply(deleting("shop"));
    operator.awaitApp(NS, "shop", holdsFinalizer());
    List<String> onTheApp = operator.operatorRequests().stream()
        .filter(request -> request.path().equals(APP_PATH + "shop"))
        .map(ApiAccess::verb)
        .toList();
    assertThat(onTheApp).as("the refused patch, the app read again by name, the patch again")
        .containsSubsequence("patch", "get", "patch");
  }

  /**
   * Switched to Retain and deleted before the main controller took the app's owner reference off
   * the volume (here because the same edit made the spec invalid, which stops its reconciles): the
   * volume and keys are released all the same before the finalizer goes, so that garbage
   * collection leaves them, as Retain promises.
   */
  @Test
  void anAppSwitchedToRetainAndDeletedAtOnceLeavesItsVolumeAndKeysBehind() {
    operator.apply(deleting("shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut").and(holdsFinalizer()));
    operator.awaitIdle();
    assertThat(retainedChildren("shop")).as("owned under Delete").allSatisfy(child ->
        assertThat(child.getMetadata().getOwnerReferences()).isNotEmpty());

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Retain);
    app.getSpec().setImage(" ");
    operator.apply(app);
    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "shop") == null);

    assertThat(retainedChildren("shop")).hasSize(2).allSatisfy(child ->
        assertThat(child.getMetadata().getOwnerReferences()).as(child.getKind()).isEmpty());
    assertThat(backends.bucketsRemoved).isEmpty();
  }

  /**
   * Switched to Retain and to External in one edit: the managed volume and keys are no longer
   * wanted, and are released rather than deleted, since Retain keeps them.
   */
  @Test
  void anAppSwitchedToRetainAndToExternalInOneEditKeepsItsManagedVolumeAndKeys() {
    client.resource(BackendApps.userSecret(NS, "s3-creds", Map.of("accessKeyId", "AKIAEXAMPLE", "secretAccessKey", "wJalr-Secret-Key"))).create();
    operator.apply(deleting("shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut").and(holdsFinalizer()));
    operator.awaitIdle();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setObjectStorage(BackendApps.externalStorage("https://s3.eu-west-1.amazonaws.com", "shop-uploads", "s3-creds",
        DeletionPolicy.Retain));
    operator.apply(app);
    operator.awaitApp(NS, "shop", holdsFinalizer().negate());
    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "shop") == null);

    assertThat(retainedChildren("shop")).hasSize(2).allSatisfy(child ->
        assertThat(child.getMetadata().getOwnerReferences()).as(child.getKind()).isEmpty());
  }

  private List<HasMetadata> retainedChildren(String app) {
    return java.util.stream.Stream.<HasMetadata>of(
            client.persistentVolumeClaims().inNamespace(NS).withName(app + "-s3").get(),
            client.secrets().inNamespace(NS).withName(app + "-s3-credentials").get())
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  @Test
  void anAppHeldByTheFinalizerIsNotReconciledAnyMore() {
    client.resource(BackendApps.userSecret(NS, "s3-creds", Map.of("accessKeyId", "AKIAEXAMPLE", "secretAccessKey", "wJalr-Secret-Key"))).create();
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setObjectStorage(BackendApps.externalStorage("https://s3.eu-west-1.amazonaws.com", "shop-uploads", "s3-creds",
        DeletionPolicy.Delete));
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut").and(holdsFinalizer()));
    operator.awaitIdle();

    backends.bucketRemoval.set(ProbeResult.failed(ProbeResult.OBJECT_STORAGE_ACCESS_DENIED, "AccessDenied (HTTP 403)"));
    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> BackendEvents.BUCKET_DELETION_FAILED.equals(e.getReason())));
    operator.awaitIdle();
    operator.forgetRequests();

    // A child lost while the app waits for its bucket stays lost: the app is on its way out.
    client.services().inNamespace(NS).withName("shop").delete();
    StatelessApp held = operator.get(NS, "shop");
    held.getMetadata().setAnnotations(Map.of("touch", "1"));
    client.resource(held).update();
    operator.awaitIdle();

    assertThat(client.services().inNamespace(NS).withName("shop").get()).isNull();
    assertThat(operator.writes()).extracting(Call::toString).noneMatch(w -> w.startsWith("POST /api/v1/namespaces/shop-ns/services"));
    assertThat(operator.get(NS, "shop").getMetadata().getFinalizers()).containsExactly(DeletionPolicyReconciler.FINALIZER);
  }

  @Test
  void switchingTheDeletionPolicyAddsAndRemovesTheFinalizer() {
    operator.apply(BackendApps.managed(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();
    assertThat(operator.get(NS, "shop").getMetadata().getFinalizers()).isEmpty();
    operator.forgetRequests();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Delete);
    operator.apply(app);
    operator.awaitApp(NS, "shop", holdsFinalizer());
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).containsOnlyOnce("PATCH " + APP_PATH + "shop");

    app = operator.get(NS, "shop");
    app.getSpec().getObjectStorage().setDeletionPolicy(DeletionPolicy.Retain);
    operator.apply(app);
    operator.awaitApp(NS, "shop", holdsFinalizer().negate());
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).containsOnlyOnce("PATCH " + APP_PATH + "shop");

    client.resources(StatelessApp.class).inNamespace(NS).withName("shop").delete();
    assertThat(operator.get(NS, "shop")).isNull();
    assertThat(backends.bucketsRemoved).isEmpty();
  }

  @Test
  void anAppLeftWithTheFinalizerByAnEarlierVersionIsReleasedWhenItNeedsNoCleanUp() {
    StatelessApp legacy = TestApps.app(NS, "legacy");
    legacy.getMetadata().setFinalizers(List.of(DeletionPolicyReconciler.FINALIZER));
    operator.apply(legacy);

    operator.awaitApp(NS, "legacy", hasCondition("Ready", "False", "RollingOut").and(holdsFinalizer().negate()));
  }

  @Test
  void aRestartOverSettledAppsWritesNothing() {
    operator.apply(TestApps.app(NS, "plain"));
    operator.apply(BackendApps.managed(NS, "kept"));
    operator.apply(deleting("dropped"));
    for (String name : List.of("plain", "kept", "dropped")) {
      operator.awaitApp(NS, name, hasCondition("Ready", "False", "RollingOut"));
    }
    operator.awaitApp(NS, "dropped", holdsFinalizer());
    operator.awaitIdle();

    operator.close();
    operator.forgetRequests();
    operator = startedOperator();
    Awaitility.await().until(() -> operator.reconcilesFinished() >= 6);
    operator.awaitIdle();

    assertThat(operator.writes()).isEmpty();
    assertThat(operator.get(NS, "dropped").getMetadata().getFinalizers()).containsExactly(DeletionPolicyReconciler.FINALIZER);
    assertThat(List.of(operator.get(NS, "plain"), operator.get(NS, "kept")))
        .extracting(HasMetadata::getFinalizers).allSatisfy(finalizers -> assertThat(finalizers).isEmpty());
  }

  private static StatelessApp deleting(String name) {
    StatelessApp app = BackendApps.managed(NS, name);
    app.getSpec().setObjectStorage(BackendApps.managedStorage(DeletionPolicy.Delete));
    return app;
  }

  private static Predicate<StatelessApp> holdsFinalizer() {
    return app -> app.hasFinalizer(DeletionPolicyReconciler.FINALIZER);
  }
}
