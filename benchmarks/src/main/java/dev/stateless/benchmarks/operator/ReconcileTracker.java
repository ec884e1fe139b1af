package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the operator's reconciles tell the benchmark: how many finished, whether one is running, and
 * when the first one finished, measured from the start of this JVM.
 */
public final class ReconcileTracker implements Metrics {

  private final long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong firstFinishedEpochMs = new AtomicLong(-1);

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    running.incrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    running.decrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    firstFinishedEpochMs.compareAndSet(-1, System.currentTimeMillis());
    finished.incrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  public int finished() {
    return finished.get();
  }

  /** Milliseconds from the JVM's start to the end of the first reconcile, or -1 before there was one. */
  public long startupMs() {
    long first = firstFinishedEpochMs.get();
    return first < 0 ? -1 : first - jvmStartEpochMs;
  }

  /**
   * Waits until at least {@code reconciles} have finished and then nothing has run for
   * {@code quietMs}: reconciles are asynchronous, and a quiet spell is how the effects of the last
   * change are known to be all in.
   */
  public void awaitQuiet(int reconciles, long quietMs, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      boolean quiet = running.get() == 0 && System.nanoTime() - lastActivityNanos.get() >= quietMs * 1_000_000;
      if (finished.get() >= reconciles && quiet) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the operator did not settle: " + finished.get() + " of " + reconciles
        + " reconciles finished, " + running.get() + " running");
  }
}
