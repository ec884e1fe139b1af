package dev.stateless.operator.monitoring;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real operator on the CRUD mock, with the metrics and probes served as {@code run} serves them. */
@EnableKubernetesMockClient(crud = true)
class MonitoringServerTest {

  static final String NS = "shop-ns";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorMeters meters;
  OperatorHarness operator;
  MonitoringServer monitoring;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    TestApps.installCrd(client);
    meters = new OperatorMeters();
    operator = new OperatorHarness(server, client, settings -> settings
        .withMetrics(new AggregatedMetrics(List.of(meters.reconcileMetrics(), settings.metrics())))
        .withMeterRegistry(meters.registry()));
    monitoring = MonitoringServer.start(0, meters.registry().getPrometheusRegistry(),
        new OperatorHealth(OperatorState.of(operator.runtimeInfo())));
  }

  @AfterEach
  void stop() {
    monitoring.close();
    operator.close();
  }

  @Test
  void metricsCarryJosdkReconcilesAndTheProjectsGaugesWithoutPerResourceSeries() throws Exception {
    StatelessApp app = TestApps.app(NS, "shop");
    operator.apply(app);
    operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "RollingOut"));
    operator.awaitIdle();

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("stateless_apps_managed 1.0")
        .contains("stateless_app_violations{app=\"shop\",namespace=\"shop-ns\"} 0.0")
        .containsPattern("operator_sdk_reconciliations_started_total\\{[^}]*\\} [1-9]")
        .contains("jvm_memory_used_bytes");
    // Without per-resource meters, no series names an app: their number does not grow with the cluster.
    assertThat(metrics.body().lines().filter(line -> line.startsWith("operator_sdk_")))
        .isNotEmpty()
        .noneMatch(line -> line.contains("\"shop\""));

    client.resource(operator.get(NS, "shop")).delete();
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(get("/metrics").body()).contains("stateless_apps_managed 0.0"));
  }

  @Test
  void probesAreOkOnceTheInformersAreSyncedAndNotReadyAfterStop() throws Exception {
    HttpResponse<String> ready = get(HealthHandler.READINESS_PATH);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("all informers running, synced and watching");
    assertThat(get(HealthHandler.LIVENESS_PATH).statusCode()).isEqualTo(200);

    operator.close();
    HttpResponse<String> stopped = get(HealthHandler.READINESS_PATH);
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.body()).contains("starting");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    HttpResponse<String> unknown = get("/healthz");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("/metrics", HealthHandler.LIVENESS_PATH, HealthHandler.READINESS_PATH);

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(HealthHandler.READINESS_PATH))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + monitoring.port() + path);
  }
}
