package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.operator.testing.ApiAccess;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code run --namespace}: the operator manages apps in the watched namespaces only, and never asks
 * the API server for anything cluster-wide, so Roles in those namespaces are all it needs (the Helm
 * chart's {@code watchNamespaces}).
 */
@EnableKubernetesMockClient(crud = true)
class WatchedNamespacesTest {

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void appsElsewhereAreLeftAloneAndEveryRequestStaysInTheWatchedNamespaces() {
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client, settings -> settings.withNamespaces(Set.of("shop-ns", "cart-ns")));

    operator.apply(TestApps.app("shop-ns", "shop"));
    operator.apply(TestApps.app("elsewhere", "shop"));
    operator.awaitApp("shop-ns", "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    assertThat(client.apps().deployments().inNamespace("shop-ns").withName("shop").get()).isNotNull();
    assertThat(client.apps().deployments().inNamespace("elsewhere").withName("shop").get()).isNull();
    assertThat(operator.get("elsewhere", "shop").getStatus().getObservedGeneration()).as("never reconciled").isNull();
    assertThat(operator.operatorRequests())
        .isNotEmpty()
        .allSatisfy(request -> {
          assertThat(request.scope()).as(request.line()).isEqualTo(ApiAccess.Scope.NAMESPACE);
          assertThat(request.path()).as(request.line()).containsAnyOf("/namespaces/shop-ns/", "/namespaces/cart-ns/");
        });
    // Writes included (the app needs no finalizer, so its first status is its only write of itself).
    assertThat(operator.operatorRequests()).extracting(ApiAccess::verb).contains("list", "watch", "create", "update");
  }
}
