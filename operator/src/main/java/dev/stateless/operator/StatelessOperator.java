package dev.stateless.operator;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendAccess;
import dev.stateless.operator.backend.BackendHealthMonitor;
import dev.stateless.operator.backend.CheckSchedule;
import dev.stateless.operator.monitoring.BackendCheckFailures;
import dev.stateless.operator.monitoring.ManagedAppsGauge;
import dev.stateless.operator.reconciler.DeletionPolicyReconciler;
import dev.stateless.operator.reconciler.StatelessAppReconciler;
import dev.stateless.operator.verification.ViolationGauge;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Assembles the operator. The command line and the tests both build it here, so the tested
 * configuration is the shipped one.
 */
public final class StatelessOperator {

  private StatelessOperator() {}

  /**
   * What the operator is told at start: where to look, and whether to elect a leader; and how it
   * reaches backends and how often it checks them (tests without backends replace those).
   */
  public record Settings(
      Set<String> namespaces,
      Optional<LeaderElectionConfiguration> leaderElection,
      Metrics metrics,
      MeterRegistry meterRegistry,
      Clock clock,
      Supplier<BackendAccess> backendAccess,
      CheckSchedule checkSchedule) {

    public Settings(Set<String> namespaces, Optional<LeaderElectionConfiguration> leaderElection, Metrics metrics,
        MeterRegistry meterRegistry, Clock clock) {
      this(namespaces, leaderElection, metrics, meterRegistry, clock, BackendAccess::real, CheckSchedule.standard());
    }

    public static Settings allNamespaces() {
      return new Settings(Set.of(), Optional.empty(), Metrics.NOOP, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    public Settings withMetrics(Metrics metrics) {
      return new Settings(namespaces, leaderElection, metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }

    public Settings withClock(Clock clock) {
      return new Settings(namespaces, leaderElection, metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }

    public Settings withBackendAccess(Supplier<BackendAccess> backendAccess, CheckSchedule checkSchedule) {
      return new Settings(namespaces, leaderElection, metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }

    public Settings withNamespaces(Set<String> namespaces) {
      return new Settings(Set.copyOf(namespaces), leaderElection, metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }

    public Settings withLeaderElection(LeaderElectionConfiguration leaderElection) {
      return new Settings(namespaces, Optional.of(leaderElection), metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }

    public Settings withMeterRegistry(MeterRegistry meterRegistry) {
      return new Settings(namespaces, leaderElection, metrics, meterRegistry, clock, backendAccess, checkSchedule);
    }
  }

  public static Operator create(KubernetesClient client, Settings settings) {
    ViolationGauge violationGauge = new ViolationGauge(settings.meterRegistry());
    // Built once out here: JOSDK may apply the configuration callback below more than once. Only the
    // first of aggregated metrics times controller executions, so JOSDK's own come first.
    Metrics metrics = new AggregatedMetrics(List.of(settings.metrics(), violationGauge.forgetDeletedApps(),
        new ManagedAppsGauge(settings.meterRegistry())));
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          // Server-side apply is off for the primary and the dependents alike: the API servers the
          // tests use do not implement it, and the tested path must be the shipped path.
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withCloseClientOnStop(false)
          .withMetrics(metrics);
      settings.leaderElection().ifPresent(overrider::withLeaderElectionConfiguration);
    });
    var backendHealth = new BackendHealthMonitor(settings.backendAccess().get(), settings.checkSchedule(),
        new BackendCheckFailures(settings.meterRegistry()));
    operator.register(new StatelessAppReconciler(settings.clock(), violationGauge, backendHealth),
        controller -> watchedNamespaces(controller, settings));
    operator.register(new DeletionPolicyReconciler(settings.clock(), backendHealth),
        controller -> watchedNamespaces(controller, settings));
    return operator;
  }

  private static void watchedNamespaces(ControllerConfigurationOverrider<StatelessApp> controller, Settings settings) {
    if (settings.namespaces().isEmpty()) {
      controller.watchingAllNamespaces();
    } else {
      controller.settingNamespaces(settings.namespaces());
    }
  }
}
