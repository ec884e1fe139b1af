package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.ScheduledJob;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas, the autoscaler and scheduled jobs on the CRUD mock, with the writes each transition costs. */
@EnableKubernetesMockClient(crud = true)
class ScalingAndScheduledJobsTest {

  static final String NS = "scaling";
  static final String APP_STATUS = "PATCH /apis/stateless.dev/v1alpha1/namespaces/scaling/statelessapps/shop/status";
  static final String APP_UPDATE = "PUT /apis/stateless.dev/v1alpha1/namespaces/scaling/statelessapps/shop";

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

  static Autoscaling autoscaling(int min, int max) {
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(min);
    autoscaling.setMaxReplicas(max);
    return autoscaling;
  }

  StatelessApp settle(StatelessApp app) {
    operator.apply(app);
    operator.awaitApp(NS, app.getMetadata().getName(), a -> a.getStatus() != null
        && java.util.Objects.equals(a.getStatus().getObservedGeneration(), a.getMetadata().getGeneration()));
    operator.awaitIdle();
    operator.forgetRequests();
    return operator.get(NS, app.getMetadata().getName());
  }

  Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName("shop").get();
  }

  HorizontalPodAutoscaler hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("shop").get();
  }

  @Test
  void theAutoscalerOwnsReplicasAndIsNeverFought() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setAutoscaling(autoscaling(3, 10));
    settle(app);
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(hpa().getSpec().getScaleTargetRef().getName()).isEqualTo("shop");

    // The autoscaler scales the Deployment; the operator must accept it and write nothing.
    Deployment scaled = deployment();
    scaled.getSpec().setReplicas(7);
    client.resource(scaled).update();
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString)
        .containsExactly("PUT /apis/apps/v1/namespaces/scaling/deployments/shop");
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(7);
  }

  @Test
  void switchingAutoscalingOffSetsReplicasInOneWriteAndDeletesTheAutoscaler() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setAutoscaling(autoscaling(2, 10));
    app.getSpec().setReplicas(4);
    app = settle(app);

    app.getSpec().setAutoscaling(null);
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> Long.valueOf(2).equals(a.getStatus().getObservedGeneration()));
    operator.awaitIdle();

    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        APP_UPDATE,
        "PUT /apis/apps/v1/namespaces/scaling/deployments/shop",
        "DELETE /apis/autoscaling/v2/namespaces/scaling/horizontalpodautoscalers/shop",
        APP_STATUS);
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(4);
    assertThat(hpa()).isNull();
  }

  @Test
  void switchingAutoscalingOnNeverDropsBelowWhatRuns() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setReplicas(6);
    app = settle(app);

    app.getSpec().setAutoscaling(autoscaling(2, 10));
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> Long.valueOf(2).equals(a.getStatus().getObservedGeneration()));
    operator.awaitIdle();

    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        APP_UPDATE,
        "POST /apis/autoscaling/v2/namespaces/scaling/horizontalpodautoscalers",
        APP_STATUS);
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(6);
  }

  @Test
  void theScaleSubresourcePathReachesTheDeployment() {
    StatelessApp app = settle(TestApps.app(NS, "shop"));
    operator.markDeploymentAvailable(NS, "shop");
    operator.awaitApp(NS, "shop", hasCondition("Ready", "True", null));
    operator.awaitIdle();
    operator.forgetRequests();

    // kubectl scale writes spec.replicas through the CRD's scale subresource (specReplicasPath).
    app = operator.get(NS, "shop");
    app.getSpec().setReplicas(5);
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> Long.valueOf(2).equals(a.getStatus().getObservedGeneration()));
    operator.awaitIdle();

    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        APP_UPDATE, "PUT /apis/apps/v1/namespaces/scaling/deployments/shop", APP_STATUS);
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);
    operator.markDeploymentAvailable(NS, "shop");
    StatelessApp scaled = operator.awaitApp(NS, "shop", a -> Integer.valueOf(5).equals(a.getStatus().getReplicas()));
    assertThat(scaled.getStatus().getReadyReplicas()).isEqualTo(5);
    assertThat(scaled.getStatus().getSelector()).contains("app.kubernetes.io/name=shop");
  }

  @Test
  void cronJobsAreAddedChangedAndRemovedOneByOne() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setScheduledJobs(new ArrayList<>(List.of(
        new ScheduledJob("nightly-cleanup", "0 3 * * *", List.of("java", "-cp", "/app/app.jar", "shop.Cleanup")),
        new ScheduledJob("reports", "@hourly", List.of("java", "-cp", "/app/app.jar", "shop.Reports")))));
    app = settle(app);
    CronJob cleanup = client.batch().v1().cronjobs().inNamespace(NS).withName("shop-nightly-cleanup").get();
    assertThat(cleanup.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cleanup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(app.getSpec().getImage());
    assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName("shop-reports").get()).isNotNull();

    app.getSpec().getScheduledJobs().get(0).setSchedule("30 4 * * *");
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> Long.valueOf(2).equals(a.getStatus().getObservedGeneration()));
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        APP_UPDATE, "PUT /apis/batch/v1/namespaces/scaling/cronjobs/shop-nightly-cleanup", APP_STATUS);

    app = operator.get(NS, "shop");
    app.getSpec().getScheduledJobs().remove(1);
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> Long.valueOf(3).equals(a.getStatus().getObservedGeneration()));
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).containsExactlyInAnyOrder(
        APP_UPDATE, "DELETE /apis/batch/v1/namespaces/scaling/cronjobs/shop-reports", APP_STATUS);
    assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName("shop-nightly-cleanup").get().getSpec().getSchedule())
        .isEqualTo("30 4 * * *");
  }

  @Test
  void anInvalidScheduleIsRefusedNamingTheJob() {
    StatelessApp app = TestApps.app(NS, "shop");
    app.getSpec().setScheduledJobs(List.of(new ScheduledJob("nightly-cleanup", "0 25 * * *", List.of("true"))));
    operator.apply(app);

    StatelessApp refused = operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "InvalidSpec"));
    assertThat(OperatorHarness.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("scheduled job 'nightly-cleanup'").contains("hour '25' is outside 0-23");
    assertThat(client.batch().v1().cronjobs().inNamespace(NS).list().getItems()).isEmpty();
  }
}
