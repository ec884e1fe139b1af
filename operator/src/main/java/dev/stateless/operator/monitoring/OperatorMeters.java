package dev.stateless.operator.monitoring;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meters Prometheus scrapes: JVM and process health, JOSDK's reconcile metrics, and the
 * project's own gauges, which register themselves on {@link #registry()}.
 *
 * <p>JOSDK's per-resource meters are left out: they add a series per StatelessApp name for every
 * reconcile metric, so the operator's metrics would grow with the cluster's apps.
 */
public final class OperatorMeters {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerMetrics reconcileMetrics = MicrometerMetrics.withoutPerResourceMetrics(registry);

  public OperatorMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** JOSDK's reconcile metrics, for the operator's configuration. */
  public Metrics reconcileMetrics() {
    return reconcileMetrics;
  }
}
