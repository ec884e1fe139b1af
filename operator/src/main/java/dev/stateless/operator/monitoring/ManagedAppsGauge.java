package dev.stateless.operator.monitoring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code stateless_apps_managed} gauge: how many StatelessApps this replica reconciles.
 *
 * <p>It listens to JOSDK's reconcile and clean-up callbacks rather than to the reconciler, so an
 * app counts from its first reconcile until JOSDK has processed its deletion. A standby replica
 * (not the leader) reconciles nothing and reports 0.
 */
public final class ManagedAppsGauge implements Metrics {

  public static final String NAME = "stateless.apps.managed";

  private final Set<ResourceID> apps = ConcurrentHashMap.newKeySet();

  public ManagedAppsGauge(MeterRegistry registry) {
    Gauge.builder(NAME, apps, Set::size)
        .description("StatelessApps this operator replica reconciles")
        .register(registry);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    apps.add(ResourceID.fromResource(resource));
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    apps.remove(resourceID);
  }

  public int count() {
    return apps.size();
  }
}
