package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.ApiRequests;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A child the API server refuses is reported on the app, in the API server's words, instead of
 * failing reconcile after reconcile with nothing to show for it.
 */
@EnableKubernetesMockClient(crud = true)
class RefusedChildrenTest {

  static final String NS = "refused";
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/refused/deployments";
  static final String APP_STATUS = "/apis/stateless.dev/v1alpha1/namespaces/refused/statelessapps/shop/status";

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
  void aDeploymentTheApiServerRefusesMakesTheAppNotReadyInItsWordsOnce() {
    String refusal = "Deployment.apps \"shop\" is invalid: spec.template.spec.containers[0].resources.requests: "
        + "Invalid value: \"2\": must be less than or equal to cpu limit of 1";
    server.expect().post().withPath(DEPLOYMENTS)
        .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage(refusal).build())
        .always();

    operator.apply(TestApps.app(NS, "shop"));
    StatelessApp app = operator.awaitApp(NS, "shop", hasCondition("Ready", "False", ChildRefusal.REASON));
    Condition ready = OperatorHarness.condition(app, "Ready").orElseThrow();
    assertThat(ready.getMessage()).contains(refusal).contains("A fixed spec is reconciled at once");
    List<Call> requests = new ArrayList<>(ApiRequests.drain(server));

    // Another reconcile (a hand edit of the Service brings one), refused alike: nothing more is written.
    Service service = client.services().inNamespace(NS).withName("shop").get();
    service.getSpec().setSessionAffinity("ClientIP");
    client.resource(service).update();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      requests.addAll(ApiRequests.drain(server));
      return requests.stream().filter(call -> call.toString().equals("POST " + DEPLOYMENTS)).count() >= 2
          && "None".equals(client.services().inNamespace(NS).withName("shop").get().getSpec().getSessionAffinity());
    });
    operator.awaitIdle(); // the error handling, and its status write if any, comes after the children
    requests.addAll(ApiRequests.drain(server));
    assertThat(requests).extracting(Call::toString).filteredOn(call -> call.endsWith(APP_STATUS))
        .as("the refusal, written once").hasSize(1);
  }

  @Test
  void aConflictOfConcurrentWritesIsNotARefusal() throws InterruptedException {
    server.expect().post().withPath(DEPLOYMENTS)
        .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("the object has been modified").build())
        .once();

    operator.apply(TestApps.app(NS, "shop"));
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get()).isNotNull();
    assertThat(statusWriteBodies()).as("no status ever said the child was refused")
        .isNotEmpty().noneMatch(body -> body.contains(ChildRefusal.REASON));
  }

  private List<String> statusWriteBodies() throws InterruptedException {
    List<String> bodies = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (request.getPath().startsWith(APP_STATUS) && !"GET".equals(request.getMethod())) {
        bodies.add(request.getUtf8Body());
      }
    }
    return bodies;
  }
}
