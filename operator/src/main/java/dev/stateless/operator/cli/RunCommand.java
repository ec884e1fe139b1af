package dev.stateless.operator.cli;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.StatelessOperator;
import dev.stateless.operator.monitoring.HealthHandler;
import dev.stateless.operator.monitoring.MonitoringServer;
import dev.stateless.operator.monitoring.OperatorHealth;
import dev.stateless.operator.monitoring.OperatorMeters;
import dev.stateless.operator.monitoring.OperatorState;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the operator against the cluster of the current kubeconfig, or in-cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the cluster of the current kubeconfig (or in-cluster).")
public final class RunCommand implements Callable<Integer> {

  static final String LEASE_NAME = "stateless-operator";
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  private static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  @Spec
  CommandSpec spec;

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "Watch only this namespace; repeat for several. Default: all namespaces.")
  List<String> namespaces = List.of();

  @Option(names = "--leader-election", arity = "1", paramLabel = "true|false", defaultValue = "true",
      description = "Elect a leader through a coordination.k8s.io Lease, so several replicas can run. Default: ${DEFAULT-VALUE}.")
  boolean leaderElection;

  @Option(names = "--lease-namespace", paramLabel = "NAMESPACE",
      description = "Namespace of the leader election Lease. Default: the pod's namespace (POD_NAMESPACE or the service account's), else the kubeconfig's.")
  String leaseNamespace;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the HTTP server for Prometheus metrics (" + MonitoringServer.METRICS_PATH + ") and the probes ("
          + HealthHandler.LIVENESS_PATH + ", " + HealthHandler.READINESS_PATH + "). Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Config config = Config.autoConfigure(null);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Optional<String> unreachable = checkCluster(client, config, namespaces);
    if (unreachable.isPresent()) {
      err.println("stateless-operator: " + unreachable.get());
      err.flush();
      client.close();
      return 1;
    }
    OperatorMeters meters = new OperatorMeters();
    Operator operator = StatelessOperator.create(client, settings(client, System::getenv, meters));
    OperatorHealth health = new OperatorHealth(OperatorState.of(operator.getRuntimeInfo()));
    // The probes answer from the start, so the kubelet sees "starting" rather than a refused connection.
    try (MonitoringServer monitoring = MonitoringServer.start(metricsPort, meters.registry().getPrometheusRegistry(), health)) {
      log.info("Metrics on :{}{}, probes on {} and {}", monitoring.port(), MonitoringServer.METRICS_PATH,
          HealthHandler.LIVENESS_PATH, HealthHandler.READINESS_PATH);
      operator.installShutdownHook(Duration.ofSeconds(10));
      operator.start();
      new CountDownLatch(1).await();
    } catch (IOException e) {
      err.println("stateless-operator: cannot serve metrics and probes on port " + metricsPort + ": " + e.getMessage());
      err.flush();
      client.close();
      return 1;
    }
    return 0;
  }

  /** The operator's settings from the options; {@code env} reads the process environment. */
  StatelessOperator.Settings settings(KubernetesClient client, UnaryOperator<String> env, OperatorMeters meters) {
    return new StatelessOperator.Settings(Set.copyOf(new HashSet<>(namespaces)), leaderElection(client, env),
        meters.reconcileMetrics(), meters.registry(), Clock.systemUTC());
  }

  /** Says, in one line, why the cluster cannot be used, naming what was tried. */
  static Optional<String> checkCluster(KubernetesClient client, Config config, List<String> namespaces) {
    String tried = config.getMasterUrl() + " (" + source() + ")";
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException | IllegalStateException e) {
      return Optional.of("cannot reach a Kubernetes API server at " + tried + ": " + rootCause(e)
          + ". To see what the operator would create without a cluster, run: java -jar operator/target/stateless-operator.jar render -f sample-app/k8s/shop.yaml");
    }
    try {
      // Where the operator will watch: with --namespace it may only be allowed there (a Role, not a ClusterRole).
      var apps = client.resources(StatelessApp.class);
      var listOptions = new ListOptionsBuilder().withLimit(1L).build();
      if (namespaces.isEmpty()) {
        apps.inAnyNamespace().list(listOptions);
      } else {
        apps.inNamespace(namespaces.get(0)).list(listOptions);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.of("the StatelessApp CRD is not installed on " + tried + ": run kubectl apply -f crds/");
      }
      if (e.getCode() == 401 || e.getCode() == 403) {
        return Optional.of("not allowed to list StatelessApps on " + tried + " (HTTP " + e.getCode() + "): check the operator's RBAC");
      }
      return Optional.of("cannot list StatelessApps on " + tried + ": " + rootCause(e));
    }
    return Optional.empty();
  }

  private static String source() {
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return "in-cluster service account";
    }
    String kubeconfig = Optional.ofNullable(System.getenv("KUBECONFIG"))
        .orElse(Path.of(System.getProperty("user.home"), ".kube", "config").toString());
    return Files.exists(Path.of(kubeconfig))
        ? "kubeconfig " + kubeconfig
        : "no kubeconfig at " + kubeconfig + " and not running in a cluster";
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private Optional<LeaderElectionConfiguration> leaderElection(KubernetesClient client, UnaryOperator<String> env) {
    if (!leaderElection) {
      return Optional.empty();
    }
    String namespace = Optional.ofNullable(leaseNamespace)
        .or(() -> Optional.ofNullable(env.apply("POD_NAMESPACE")))
        .or(RunCommand::serviceAccountNamespace)
        .orElse(client.getNamespace());
    return Optional.of(new LeaderElectionConfiguration(LEASE_NAME, namespace));
  }

  private static Optional<String> serviceAccountNamespace() {
    try {
      return Files.exists(SERVICE_ACCOUNT_NAMESPACE)
          ? Optional.of(Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim())
          : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
