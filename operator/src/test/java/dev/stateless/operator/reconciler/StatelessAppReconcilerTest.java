package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real operator on the CRUD mock API server: children, status, and the writes each change costs. */
@EnableKubernetesMockClient(crud = true)
class StatelessAppReconcilerTest {

  static final String NS = "shop-ns";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void startOperator() {
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void createsEachChildOnceWritesStatusOnceAndNothingOnANoOpResync() {
    operator.forgetRequests();
    operator.apply(TestApps.app(NS, "shop"));
    StatelessApp app = operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    List<Call> writes = operator.writes();
    assertThat(writes).extracting(Call::toString).containsExactlyInAnyOrder(
        "POST /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps",
        // No finalizer: the app has no data whose deletion would have to wait for the operator.
        "POST /apis/apps/v1/namespaces/shop-ns/deployments",
        "POST /api/v1/namespaces/shop-ns/services",
        "POST /apis/policy/v1/namespaces/shop-ns/poddisruptionbudgets",
        // The first status is put whole; later ones are patched.
        "PUT /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop/status");

    assertThat(app.getStatus().getObservedGeneration()).isEqualTo(app.getMetadata().getGeneration());
    assertThat(app.getStatus().getSelector())
        .isEqualTo("app.kubernetes.io/name=shop,app.kubernetes.io/managed-by=stateless-operator,app.kubernetes.io/component=app");
    for (HasMetadata child : children("shop")) {
      assertThat(child.getMetadata().getOwnerReferences()).as(child.getKind())
          .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getController)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("StatelessApp", "shop", true));
    }

    operator.markDeploymentAvailable(NS, "shop");
    app = operator.awaitApp(NS, "shop", hasCondition("Ready", "True", "Available"));
    assertThat(app.getStatus().getReadyReplicas()).isEqualTo(2);
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        "PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop/status",
        "PATCH /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop/status");

    // A restart is a full resync: every app is reconciled again, and nothing has changed.
    operator.close();
    operator = new OperatorHarness(server, client);
    org.awaitility.Awaitility.await().until(() -> operator.reconcilesFinished() >= 1);
    operator.awaitIdle();
    assertThat(operator.writes()).isEmpty();
  }

  @Test
  void aChangedFieldWritesOnlyTheChildItAffects() {
    operator.apply(TestApps.app(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.markDeploymentAvailable(NS, "shop");
    operator.awaitApp(NS, "shop", hasCondition("Ready", "True", "Available"));
    operator.awaitIdle();
    operator.forgetRequests();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setProbes(new dev.stateless.api.v1alpha1.Probes());
    app.getSpec().getProbes().setReadinessPath("/ready");
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> a.getStatus().getObservedGeneration() == 2L);
    operator.awaitIdle();

    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        "PUT /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop",
        "PUT /apis/apps/v1/namespaces/shop-ns/deployments/shop",
        "PATCH /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps/shop/status");
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("shop").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/ready");
  }

  @Test
  void aRemovedEnvVariableIsRemovedFromTheDeployment() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("FEATURE_X", "on", null));
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", null));
    operator.awaitIdle();

    app = operator.get(NS, "shop");
    app.getSpec().getEnv().clear();
    operator.apply(app);
    operator.awaitIdle();

    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("shop").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(io.fabric8.kubernetes.api.model.EnvVar::getName)
        .doesNotContain("FEATURE_X");
  }

  @Test
  void droppingBelowTwoReplicasDeletesTheDisruptionBudget() {
    operator.apply(TestApps.app(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", null));
    operator.awaitIdle();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("shop").get()).isNotNull();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setReplicas(1);
    operator.apply(app);
    // Idle alone is a guess on a busy machine; the status tells when the change was reconciled.
    operator.awaitApp(NS, "shop", a -> a.getStatus().getObservedGeneration() == 2L);
    operator.awaitIdle();

    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("shop").get()).isNull();
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void anInvalidAppIsReportedAndOtherAppsKeepReconciling() {
    StatelessApp bad = TestApps.app(NS, "bad");
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(5);
    autoscaling.setMaxReplicas(3);
    bad.getSpec().setAutoscaling(autoscaling);
    operator.apply(bad);
    operator.apply(TestApps.app(NS, "good"));

    StatelessApp reported = operator.awaitApp(NS, "bad", hasCondition("Ready", "False", "InvalidSpec"));
    assertThat(OperatorHarness.condition(reported, "Ready").orElseThrow().getMessage())
        .contains("spec.autoscaling.maxReplicas").contains("minReplicas (5)");
    assertThat(client.apps().deployments().inNamespace(NS).withName("bad").get()).isNull();

    operator.awaitApp(NS, "good", hasCondition("Ready", "False", "RollingOut"));
    assertThat(client.apps().deployments().inNamespace(NS).withName("good").get()).isNotNull();
  }

  /** The CRD requires nothing at the top: an app whose spec was left out (or mis-indented away) is accepted. */
  @Test
  void anAppWithoutASpecIsReportedAsSuch() {
    StatelessApp empty = TestApps.app(NS, "empty");
    empty.setSpec(null);
    operator.apply(empty);

    StatelessApp reported = operator.awaitApp(NS, "empty", hasCondition("Ready", "False", "InvalidSpec"));
    assertThat(OperatorHarness.condition(reported, "Ready").orElseThrow().getMessage()).startsWith("spec");
    assertThat(client.apps().deployments().inNamespace(NS).withName("empty").get()).isNull();
  }

  private List<HasMetadata> children(String name) {
    return List.of(
        client.apps().deployments().inNamespace(NS).withName(name).get(),
        client.services().inNamespace(NS).withName(name).get(),
        client.policy().v1().podDisruptionBudget().inNamespace(NS).withName(name).get());
  }
}
