package dev.stateless.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.Violation;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live pods and Ingresses checked as they appear and change, on the CRUD mock with the real operator. */
@EnableKubernetesMockClient(crud = true)
class LiveVerificationTest {

  static final String NS = "live";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void startOperator() {
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client);
    operator.apply(TestApps.app(NS, "shop"));
    operator.awaitApp(NS, "shop", OperatorHarness.hasCondition("Stateless", "True", "NoViolations"));
    operator.awaitIdle();
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  /** A pod of the app as its ReplicaSet would create it from the Deployment's template. */
  Pod podFromTemplate(String name) {
    PodTemplateSpec template = client.apps().deployments().inNamespace(NS).withName("shop").get().getSpec().getTemplate();
    return new PodBuilder()
        .withNewMetadataLike(template.getMetadata()).withName(name).withNamespace(NS)
        .withCreationTimestamp("2026-11-28T06:00:0" + name.charAt(name.length() - 1) + "Z").endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** What a mutating webhook might do to a clean pod: a sidecar with its own emptyDir cache. */
  static Pod withInjectedSidecar(Pod pod) {
    return new PodBuilder(pod)
        .editSpec()
        .addNewVolume().withName("sidecar-cache").withNewEmptyDir().withMedium("Memory").endEmptyDir().endVolume()
        .addToContainers(new ContainerBuilder()
            .withName("proxy")
            .withImage("proxy:1")
            .addNewVolumeMount().withName("sidecar-cache").withMountPath("/cache").endVolumeMount()
            .withNewSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
            .build())
        .endSpec()
        .build();
  }

  @Test
  void aViolatingPodIsReportedAtOnceAnnouncedOnceAndClearedWhenFixed() {
    client.resource(podFromTemplate("shop-abc-1")).create();
    operator.awaitIdle();
    assertThat(operator.get(NS, "shop").getStatus().getViolations()).as("a pod from the template is clean").isEmpty();
    operator.forgetRequests();

    long created = System.nanoTime();
    client.resource(withInjectedSidecar(podFromTemplate("shop-abc-2"))).create();
    StatelessApp reported = Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> operator.get(NS, "shop"), app -> !app.getStatus().getViolations().isEmpty());
    long latencyMs = (System.nanoTime() - created) / 1_000_000;
    System.out.println("violation detection latency: " + latencyMs + " ms");

    assertThat(reported.getStatus().getViolations()).extracting(Violation::getPod, Violation::getRule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-abc-2", "no-emptydir"));
    assertThat(reported.getStatus().getViolations().get(0).getMessage()).contains("sidecar-cache");
    assertThat(reported.getStatus().getViolationCount()).isEqualTo(1);
    assertThat(operator.meterRegistry().get(ViolationGauge.NAME).tag("app", "shop").gauge().value()).isEqualTo(1.0);
    assertThat(OperatorHarness.condition(reported, "Stateless").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(OperatorHarness.condition(reported, "Ready").orElseThrow())
        .as("Audit mode blocks no pod, but an app that breaks the contract is not Ready by it")
        .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", "NotStateless");

    operator.awaitIdle();
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
    assertThat(events).filteredOn(e -> ViolationEvents.REASON.equals(e.getReason())).singleElement()
        .satisfies(event -> {
          assertThat(event.getInvolvedObject().getName()).isEqualTo("shop");
          assertThat(event.getMessage()).contains("no-emptydir", "shop-abc-2");
        });

    // The pod changes in a way that does not touch the violation: no new Event, no status write.
    operator.forgetRequests();
    Pod labelled = client.pods().inNamespace(NS).withName("shop-abc-2").get();
    labelled.getMetadata().getLabels().put("pod-template-hash", "abc");
    client.resource(labelled).update();
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Object::toString)
        .containsExactly("PUT /api/v1/namespaces/live/pods/shop-abc-2");

    client.pods().inNamespace(NS).withName("shop-abc-2").delete();
    StatelessApp fixed = operator.awaitApp(NS, "shop", OperatorHarness.hasCondition("Stateless", "True", "NoViolations"));
    assertThat(fixed.getStatus().getViolations()).isEmpty();
    assertThat(operator.meterRegistry().get(ViolationGauge.NAME).tag("app", "shop").gauge().value()).isZero();

    client.resource(fixed).delete();
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> operator.meterRegistry().find(ViolationGauge.NAME).tag("app", "shop").gauge() == null);
  }

  @Test
  void violationsAreListedNewestPodFirstInAStableOrder() throws InterruptedException {
    // creationTimestamp has a resolution of one second: pods a second apart have distinct ages.
    client.resource(withInjectedSidecar(podFromTemplate("shop-abc-1"))).create();
    Thread.sleep(1100);
    client.resource(withInjectedSidecar(podFromTemplate("shop-abc-3"))).create();
    Thread.sleep(1100);
    client.resource(withInjectedSidecar(podFromTemplate("shop-abc-2"))).create();

    StatelessApp app = operator.awaitApp(NS, "shop", a -> a.getStatus().getViolations().size() == 3);
    assertThat(app.getStatus().getViolations()).extracting(Violation::getPod)
        .containsExactly("shop-abc-2", "shop-abc-3", "shop-abc-1");
  }

  @Test
  void aCookieAffinityIngressRoutingToTheAppIsReported() {
    Ingress sticky = new IngressBuilder()
        .withNewMetadata().withName("shop-web").withNamespace(NS)
        .withAnnotations(Map.of("nginx.ingress.kubernetes.io/affinity", "cookie")).endMetadata()
        .withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
        .withNewBackend().withNewService().withName("shop").withNewPort().withNumber(80).endPort().endService().endBackend()
        .endPath().endHttp().endRule().endSpec()
        .build();
    client.resource(sticky).create();

    StatelessApp app = operator.awaitApp(NS, "shop", a -> !a.getStatus().getViolations().isEmpty());
    assertThat(app.getStatus().getViolations()).singleElement().satisfies(violation -> {
      assertThat(violation.getRule()).isEqualTo("no-sticky-sessions");
      assertThat(violation.getObject()).isEqualTo("Ingress/shop-web");
    });

    client.resource(sticky).delete();
    operator.awaitApp(NS, "shop", OperatorHarness.hasCondition("Stateless", "True", "NoViolations"));
  }

  @Test
  void aSingleReplicaRunsButIsReportedUnlessTheAppOptsOut() {
    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setReplicas(1);
    operator.apply(app);

    StatelessApp warned = operator.awaitApp(NS, "shop", OperatorHarness.hasCondition("Stateless", "False", "ViolationsFound")
        .and(OperatorHarness.hasCondition("Ready", "False", "NotStateless")));
    assertThat(warned.getStatus().getViolations()).extracting(Violation::getRule).containsExactly("failover-replicas");
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get().getSpec().getReplicas()).isEqualTo(1);

    StatelessApp optedOut = operator.get(NS, "shop");
    optedOut.getMetadata().setAnnotations(Map.of("stateless.dev/ignore", "failover-replicas"));
    operator.apply(optedOut);
    operator.awaitApp(NS, "shop", OperatorHarness.hasCondition("Stateless", "True", "NoViolations")
        .and(latest -> !"NotStateless".equals(OperatorHarness.condition(latest, "Ready").orElseThrow().getReason())));
  }
}
