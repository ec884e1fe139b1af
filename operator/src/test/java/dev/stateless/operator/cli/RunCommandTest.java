package dev.stateless.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.operator.StatelessOperator;
import dev.stateless.operator.monitoring.OperatorMeters;
import dev.stateless.operator.testing.RecordingClient;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code run} options, turned into the operator's settings, and the start-up check of the cluster. */
@EnableKubernetesMockClient(crud = true)
class RunCommandTest {

  KubernetesMockServer server;
  KubernetesClient client;

  /** A client that is never connected: the settings only read its default namespace. */
  static KubernetesClient offline() {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://cluster.invalid").withNamespace("kubeconfig-ns").build())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  static RunCommand parse(String... args) {
    RunCommand command = new RunCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  static UnaryOperator<String> env(Map<String, String> variables) {
    return variables::get;
  }

  static StatelessOperator.Settings settings(RunCommand command, Map<String, String> env) {
    return settings(command, env, new OperatorMeters());
  }

  static StatelessOperator.Settings settings(RunCommand command, Map<String, String> env, OperatorMeters meters) {
    try (KubernetesClient offline = offline()) {
      return command.settings(offline, env(env), meters);
    }
  }

  @Test
  void leaderElectionIsOnByDefaultWithTheLeaseInThePodsNamespace() {
    StatelessOperator.Settings settings = settings(parse(), Map.of("POD_NAMESPACE", "stateless-system"));

    LeaderElectionConfiguration election = settings.leaderElection().orElseThrow();
    assertThat(election.getLeaseName()).isEqualTo("stateless-operator");
    assertThat(election.getLeaseNamespace()).contains("stateless-system");
    // A replica that lost the lease exits, and its restart starts clean as a standby.
    assertThat(election.isExitOnStopLeading()).isTrue();
  }

  @Test
  void leaseNamespaceOptionWinsOverThePodsNamespace() {
    StatelessOperator.Settings settings = settings(parse("--lease-namespace", "ops"), Map.of("POD_NAMESPACE", "stateless-system"));

    assertThat(settings.leaderElection().orElseThrow().getLeaseNamespace()).contains("ops");
  }

  @Test
  void outsideAPodTheLeaseGoesToTheKubeconfigsNamespace() {
    StatelessOperator.Settings settings = settings(parse(), Map.of());

    assertThat(settings.leaderElection().orElseThrow().getLeaseNamespace()).contains("kubeconfig-ns");
  }

  @Test
  void leaderElectionCanBeTurnedOffForASingleReplica() {
    assertThat(settings(parse("--leader-election=false"), Map.of("POD_NAMESPACE", "stateless-system")).leaderElection()).isEmpty();
  }

  @Test
  void namespacesAreRepeatableAndDefaultToAll() {
    assertThat(settings(parse(), Map.of()).namespaces()).isEmpty();
    assertThat(settings(parse("--namespace", "a", "--namespace", "b"), Map.of()).namespaces()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void metricsAreOnPort8080UnlessToldOtherwise() {
    assertThat(parse().metricsPort).isEqualTo(8080);
    assertThat(parse("--metrics-port", "9090").metricsPort).isEqualTo(9090);
  }

  @Test
  void theMetricsAreJosdksMicrometerMetricsOnThePrometheusRegistry() {
    OperatorMeters meters = new OperatorMeters();
    StatelessOperator.Settings settings = settings(parse(), Map.of(), meters);

    assertThat(settings.metrics()).isSameAs(meters.reconcileMetrics());
    assertThat(settings.meterRegistry()).isSameAs(meters.registry());
  }

  @Test
  void clusterCheckPassesWhenTheCrdIsServedAndListsOnlyInTheWatchedNamespace() throws InterruptedException {
    TestApps.installCrd(client);
    drain();
    try (KubernetesClient operatorClient = RecordingClient.of(client, null)) {
      assertThat(RunCommand.checkCluster(operatorClient, operatorClient.getConfiguration(), List.of("shop-ns"))).isEmpty();
      assertThat(drain()).contains("GET /apis/stateless.dev/v1alpha1/namespaces/shop-ns/statelessapps?limit=1");

      assertThat(RunCommand.checkCluster(operatorClient, operatorClient.getConfiguration(), List.of())).isEmpty();
      assertThat(drain()).contains("GET /apis/stateless.dev/v1alpha1/statelessapps?limit=1");
    }
  }

  @Test
  void clusterCheckNamesTheServerItCouldNotReach() {
    var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build()) {
      assertThat(RunCommand.checkCluster(unreachable, config, List.of()))
          .hasValueSatisfying(message -> assertThat(message).startsWith("cannot reach a Kubernetes API server at https://127.0.0.1:1"));
    }
  }

  private List<String> drain() throws InterruptedException {
    List<String> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request.getMethod() + " " + request.getPath());
    }
    return requests;
  }
}
