package dev.stateless.operator.testing;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.StatelessOperator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * The real operator against the fabric8 CRUD mock API server, with what tests need around it:
 * waiting for reconciles, counting the requests made, and playing the Deployment controller the
 * mock does not have.
 */
public final class OperatorHarness implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final ReconcileCounter reconciles = new ReconcileCounter();
  private final StatelessOperator.Settings settings;
  private final List<ApiAccess> operatorRequests = new CopyOnWriteArrayList<>();
  private final Operator operator;

  public OperatorHarness(KubernetesMockServer server, KubernetesClient client) {
    this(server, client, UnaryOperator.identity());
  }

  /**
   * With settings other than the defaults (all namespaces, no leader election). The operator talks
   * to the API server through a client of its own that records every request it makes, for the
   * proof that the Helm chart's RBAC grants exactly what the operator needs.
   */
  public OperatorHarness(KubernetesMockServer server, KubernetesClient client, UnaryOperator<StatelessOperator.Settings> customize) {
    this.server = server;
    this.client = client;
    // The reconcile counter is how awaitIdle() knows the operator is done; customizations keep it in.
    this.settings = customize.apply(StatelessOperator.Settings.allNamespaces().withMetrics(reconciles));
    String leaseNamespace = settings.leaderElection().flatMap(LeaderElectionConfiguration::getLeaseNamespace).orElse(null);
    this.operatorClient = RecordingClient.of(client, leaseNamespace, operatorRequests::add);
    this.operator = StatelessOperator.create(operatorClient, settings);
    try {
      operator.start();
    } catch (RuntimeException e) {
      operator.stop();
      operatorClient.close();
      throw e;
    }
  }

  /** The operator checking backends through {@code backends}, on its fast schedule, instead of the network. */
  public static OperatorHarness withBackends(KubernetesMockServer server, KubernetesClient client, FakeBackendAccess backends) {
    return new OperatorHarness(server, client, settings -> settings.withBackendAccess(backends::access, FakeBackendAccess.FAST));
  }

  public StatelessOperator.Settings settings() {
    return settings;
  }

  /** Where the operator's gauges are, to read them. */
  public MeterRegistry meterRegistry() {
    return settings.meterRegistry();
  }

  /** Every request the operator (not the test) made since it started, watches included. */
  public List<ApiAccess> operatorRequests() {
    return List.copyOf(operatorRequests);
  }

  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  public KubernetesClient client() {
    return client;
  }

  public StatelessApp apply(StatelessApp app) {
    app.getMetadata().setResourceVersion(null);
    return get(app.getMetadata().getNamespace(), app.getMetadata().getName()) == null
        ? client.resource(app).create()
        : client.resource(app).update();
  }

  public StatelessApp get(String namespace, String name) {
    return client.resources(StatelessApp.class).inNamespace(namespace).withName(name).get();
  }

  public StatelessApp awaitApp(String namespace, String name, Predicate<StatelessApp> condition) {
    return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> get(namespace, name), app -> app != null && condition.test(app));
  }

  public static Predicate<StatelessApp> hasCondition(String type, String status, String reason) {
    return app -> condition(app, type)
        .filter(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason())))
        .isPresent();
  }

  public static Optional<Condition> condition(StatelessApp app, String type) {
    return app.getStatus() == null ? Optional.empty() : app.getStatus().condition(type);
  }

  /** Marks the app's Deployment rolled out and available, as the Deployment controller would. */
  public void markDeploymentAvailable(String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    deployment.setStatus(new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .build());
    client.resource(deployment).updateStatus();
  }

  /**
   * Waits until the operator is idle: no reconcile finished for a while. Reconciles are
   * asynchronous; this is how a test knows the effects of the last change are all in.
   */
  public void awaitIdle() {
    int[] last = {-1};
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          int now = reconciles.finished();
          boolean quiet = now == last[0];
          last[0] = now;
          return quiet;
        });
  }

  public int reconcilesFinished() {
    return reconciles.finished();
  }

  /** The write requests since the last call. */
  public List<ApiRequests.Call> writes() {
    return ApiRequests.writes(server);
  }

  public void forgetRequests() {
    ApiRequests.drain(server);
  }

  @Override
  public void close() {
    operator.stop();
    operatorClient.close();
  }
}
