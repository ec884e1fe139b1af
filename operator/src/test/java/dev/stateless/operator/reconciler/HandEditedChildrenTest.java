package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator owns its children: a hand edit of a field it sets is put back, and a change of the
 * app reaches the child it affects, each with one update of that child.
 */
@EnableKubernetesMockClient(crud = true)
class HandEditedChildrenTest {

  static final String NS = "edits";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void startOperatorWithAnApp() {
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client);
    StatelessApp app = TestApps.app(NS, "shop");
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(5);
    app.getSpec().setAutoscaling(autoscaling);
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", null));
    operator.awaitIdle();
    operator.forgetRequests();
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void stickySessionsSetByHandOnTheServiceAreTakenOffAgain() {
    Service service = client.services().inNamespace(NS).withName("shop").get();
    service.getSpec().setSessionAffinity("ClientIP");
    client.resource(service).update();

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> "None".equals(client.services().inNamespace(NS).withName("shop").get().getSpec().getSessionAffinity()));
    operator.awaitIdle();
    // Two updates of the Service: the hand edit, and the operator's repair.
    assertThat(operator.writes()).extracting(Call::toString)
        .filteredOn(call -> call.equals("PUT /api/v1/namespaces/edits/services/shop")).hasSize(2);
  }

  @Test
  void aLoosenedDisruptionBudgetIsTightenedAgain() {
    PodDisruptionBudget budget = client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("shop").get();
    budget.getSpec().setMaxUnavailable(new IntOrString(3));
    client.resource(budget).update();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> new IntOrString(1).equals(
        client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("shop").get().getSpec().getMaxUnavailable()));
  }

  @Test
  void aNewMaximumReachesTheAutoscaler() {
    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().getAutoscaling().setMaxReplicas(8);
    operator.apply(app);

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hpa().getSpec().getMaxReplicas() == 8);
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString)
        .contains("PUT /apis/autoscaling/v2/namespaces/edits/horizontalpodautoscalers/shop");
  }

  HorizontalPodAutoscaler hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("shop").get();
  }
}
