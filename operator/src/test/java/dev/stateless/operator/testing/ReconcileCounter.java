package dev.stateless.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts finished reconciles, so a test can wait for one without sleeping. */
public final class ReconcileCounter implements Metrics {

  private final AtomicInteger finished = new AtomicInteger();

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    finished.incrementAndGet();
  }

  public int finished() {
    return finished.get();
  }
}
