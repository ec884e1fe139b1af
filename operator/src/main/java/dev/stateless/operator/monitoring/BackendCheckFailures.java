package dev.stateless.operator.monitoring;

import dev.stateless.operator.backend.BackendCheckListener;
import dev.stateless.operator.desired.AppLabels.Component;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code stateless_app_backend_check_failures} gauge: consecutive failed checks of an app's
 * backend (Redis answering PING, the bucket being writable), 0 once a check passes. A value that
 * stays above 0 is what an alert should fire on; a single blip resets on the next good check.
 *
 * <p>Series are tagged {@code namespace}, {@code app} and {@code backend} ({@code redis} or
 * {@code object-storage}, the values of {@code app.kubernetes.io/component}).
 */
public final class BackendCheckFailures implements BackendCheckListener {

  public static final String NAME = "stateless.app.backend.check.failures";

  private final MeterRegistry registry;
  private final Map<Key, AtomicInteger> failures = new ConcurrentHashMap<>();

  private record Key(String namespace, String app, String backend) {}

  public BackendCheckFailures(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void checked(ResourceID app, Component backend, boolean passed) {
    String namespace = app.getNamespace().orElse("");
    if (passed) {
      passed(namespace, app.getName(), backend.value());
    } else {
      failed(namespace, app.getName(), backend.value());
    }
  }

  @Override
  public void stoppedChecking(ResourceID app, Component backend) {
    remove(app.getNamespace().orElse(""), app.getName(), backend.value());
  }

  /** A check of the backend failed: one more consecutive failure. */
  public void failed(String namespace, String app, String backend) {
    counter(new Key(namespace, app, backend)).incrementAndGet();
  }

  /** A check of the backend passed: the run of failures is over. */
  public void passed(String namespace, String app, String backend) {
    counter(new Key(namespace, app, backend)).set(0);
  }

  /** The app, or its use of the backend, is gone: its series goes too. */
  public void remove(String namespace, String app, String backend) {
    if (failures.remove(new Key(namespace, app, backend)) != null) {
      registry.find(NAME).tag("namespace", namespace).tag("app", app).tag("backend", backend).meters()
          .forEach(registry::remove);
    }
  }

  public int consecutiveFailures(String namespace, String app, String backend) {
    AtomicInteger count = failures.get(new Key(namespace, app, backend));
    return count == null ? 0 : count.get();
  }

  private AtomicInteger counter(Key key) {
    return failures.computeIfAbsent(key, k -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(NAME, value, AtomicInteger::get)
          .description("Consecutive failed checks of the app's backend; 0 when the last check passed")
          .tag("namespace", k.namespace())
          .tag("app", k.app())
          .tag("backend", k.backend())
          .register(registry);
      return value;
    });
  }
}
