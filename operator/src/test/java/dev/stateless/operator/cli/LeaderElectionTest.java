package dev.stateless.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateless.operator.StatelessOperator;
import dev.stateless.operator.monitoring.OperatorHealth;
import dev.stateless.operator.monitoring.OperatorState;
import dev.stateless.operator.testing.ApiAccess;
import dev.stateless.operator.testing.ApiAccessLog;
import dev.stateless.operator.testing.ApiRequests;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leader election through JOSDK's coordination.k8s.io Lease, on the CRUD mock with the real
 * operator: two replicas run, one reconciles. The mock cannot answer the SelfSubjectRulesReview
 * JOSDK checks its Lease permissions with, so that one request is stubbed with what the chart's
 * Role grants.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {

  static final String OPERATOR_NS = "stateless-system";
  static final String APP_NS = "shop-ns";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void installCrd() {
    TestApps.installCrd(client);
  }

  /** Answers JOSDK's SelfSubjectRulesReview: these verbs are allowed on Leases. */
  void grantOnLeases(String... verbs) {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs(verbs)
            .endResourceRule()
            .endStatus()
            .build())
        .always();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  /** The lease as {@code run} configures it, with short timings, and not exiting the test JVM when leadership ends. */
  static LeaderElectionConfiguration election(LeaderElectionConfiguration fromCli, String identity) {
    return new LeaderElectionConfiguration(fromCli.getLeaseName(), fromCli.getLeaseNamespace().orElseThrow(),
        Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200), identity, null, false);
  }

  /** The settings {@code run} makes of these arguments in a pod of {@value #OPERATOR_NS}. */
  static StatelessOperator.Settings cliSettings(String... args) {
    return RunCommandTest.settings(RunCommandTest.parse(args), Map.of("POD_NAMESPACE", OPERATOR_NS));
  }

  static LeaderElectionConfiguration cliElection() {
    return cliSettings().leaderElection().orElseThrow();
  }

  Lease lease() {
    return client.leases().inNamespace(OPERATOR_NS).withName("stateless-operator").get();
  }

  Deployment deployment() {
    return client.apps().deployments().inNamespace(APP_NS).withName("shop").get();
  }

  @Test
  void theOperatorTakesTheLeaseInItsNamespaceAndReconciles() {
    grantOnLeases("get", "create", "update", "patch");
    operator = new OperatorHarness(server, client, settings -> settings.withLeaderElection(election(cliElection(), "replica-a")));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lease() != null);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");

    operator.apply(TestApps.app(APP_NS, "shop"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null);
  }

  @Test
  void aStandbyIsReadyButLeavesAppsAloneUntilTheLeadersLeaseExpires() {
    grantOnLeases("get", "create", "update", "patch");
    ZonedDateTime renewed = ZonedDateTime.now();
    client.resource(new LeaseBuilder()
        .withNewMetadata().withName("stateless-operator").withNamespace(OPERATOR_NS).endMetadata()
        .withNewSpec()
        .withHolderIdentity("replica-b")
        .withLeaseDurationSeconds(3)
        .withAcquireTime(renewed)
        .withRenewTime(renewed)
        .endSpec()
        .build()).create();
    operator = new OperatorHarness(server, client, settings -> settings.withLeaderElection(election(cliElection(), "replica-a")));
    operator.apply(TestApps.app(APP_NS, "shop"));

    // The standby's informers run, so it is ready to take over at once; it reconciles nothing.
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> new OperatorHealth(OperatorState.of(operator.runtimeInfo())).readiness().healthy());
    Awaitility.await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2)).until(() -> deployment() == null);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-b");

    // replica-b stopped renewing: once its lease runs out, replica-a takes over and catches up.
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");
  }

  /**
   * The Lease lock writes with get, create and patch, but JOSDK checks for get, create and update
   * before it starts, and refuses to run without update. The check is a requirement no request
   * shows, so it is recorded here, where it is proven, for the RBAC proof of the Helm chart.
   */
  @Test
  void josdkRefusesToStartWithoutUpdateOnLeases() {
    grantOnLeases("get", "create", "patch");

    assertThatThrownBy(() -> new OperatorHarness(server, client, settings -> settings.withLeaderElection(election(cliElection(), "replica-a"))))
        .hasStackTraceContaining("update");

    // JOSDK accepts a grant narrowed to the Lease's name, so the check is recorded against that name.
    ApiAccessLog.record(new ApiAccess("update", "coordination.k8s.io", "leases", "", ApiAccess.Scope.OPERATOR_NAMESPACE,
        "(JOSDK's SelfSubjectRulesReview check before leader election) /apis/coordination.k8s.io/v1/namespaces/"
            + OPERATOR_NS + "/leases/" + RunCommand.LEASE_NAME));
  }

  @Test
  void withoutLeaderElectionASingleReplicaReconcilesAndNeverTouchesALease() {
    StatelessOperator.Settings fromCli = cliSettings("--leader-election=false");
    assertThat(fromCli.leaderElection()).isEmpty();
    operator = new OperatorHarness(server, client, settings -> fromCli.withMetrics(settings.metrics()));

    operator.apply(TestApps.app(APP_NS, "shop"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deployment() != null);
    operator.awaitIdle();

    assertThat(ApiRequests.drain(server))
        .extracting(ApiRequests.Call::path)
        .noneMatch(path -> path.contains("/leases") || path.contains("selfsubjectrulesreviews"));
    assertThat(lease()).isNull();
  }
}
