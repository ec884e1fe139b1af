package dev.stateless.operator.verification;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code stateless_app_violations} gauge: current violations per app. */
public final class ViolationGauge {

  public static final String NAME = "stateless.app.violations";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> perApp = new ConcurrentHashMap<>();

  public ViolationGauge(MeterRegistry registry) {
    this.registry = registry;
  }

  public void set(String namespace, String app, int violations) {
    perApp.computeIfAbsent(namespace + "/" + app, key -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(NAME, value, AtomicInteger::get)
          .description("Statelessness violations currently found on the app's pods and objects")
          .tag("namespace", namespace)
          .tag("app", app)
          .register(registry);
      return value;
    }).set(violations);
  }

  /** The app is gone: its series goes too. */
  public void remove(String namespace, String app) {
    if (perApp.remove(namespace + "/" + app) != null) {
      registry.find(NAME).tag("namespace", namespace).tag("app", app).meters().forEach(registry::remove);
    }
  }

  /**
   * Tells the gauge when an app is gone. JOSDK reports a deleted primary to its metrics even when
   * the reconciler has no cleanup step, so this needs no finalizer on the app.
   */
  public Metrics forgetDeletedApps() {
    return new Metrics() {
      @Override
      public void cleanupDoneFor(ResourceID app, Map<String, Object> metadata) {
        remove(app.getNamespace().orElse(""), app.getName());
      }
    };
  }

  public int total() {
    return perApp.values().stream().mapToInt(AtomicInteger::get).sum();
  }
}
