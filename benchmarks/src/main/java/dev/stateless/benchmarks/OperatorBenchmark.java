package dev.stateless.benchmarks;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.benchmarks.operator.ApiClients;
import dev.stateless.benchmarks.operator.AppStatusWatch;
import dev.stateless.benchmarks.operator.BenchApps;
import dev.stateless.benchmarks.operator.DeploymentControllerStandIn;
import dev.stateless.benchmarks.operator.FloorWriter;
import dev.stateless.benchmarks.operator.MockApiServer;
import dev.stateless.benchmarks.operator.OperatorFigures;
import dev.stateless.benchmarks.operator.OperatorProcessHandle;
import dev.stateless.benchmarks.operator.RequestLedger;
import dev.stateless.benchmarks.operator.RequestLedger.Write;
import dev.stateless.benchmarks.operator.ViolationProbe;
import dev.stateless.benchmarks.report.Percentiles;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operator against its physical floor, in one run on one API server (the fabric8 CRUD mock):
 * <ol>
 *   <li>the real operator, in a JVM of its own, brings N new apps to Ready; its writes are counted
 *       and timed;</li>
 *   <li>a bare client writes the same children and one status per app, with the same concurrency:
 *       the floor;</li>
 *   <li>a second operator process starts over the settled apps (a restart: a full resync); its
 *       writes, start-up time and heap are taken;</li>
 *   <li>violating pods appear for a sample of the apps, and the time until each app's status shows
 *       its violation is taken.</li>
 * </ol>
 * Prints a summary, and the figures as one JSON object on the last line.
 */
public final class OperatorBenchmark {

  static final String OPERATOR_NAMESPACE = "bench";
  static final String FLOOR_NAMESPACE = "floor";
  static final String WARM_UP_NAMESPACE = "warm-up";
  static final int MAX_VIOLATION_SAMPLES = 50;
  static final long READY_TIMEOUT_S = 300;

  private final int apps;
  private final List<String> operatorJvmOptions;
  private final Path logDir;
  private final long startNanos = System.nanoTime();

  OperatorBenchmark(int apps, List<String> operatorJvmOptions, Path logDir) {
    this.apps = apps;
    this.operatorJvmOptions = operatorJvmOptions;
    this.logDir = logDir;
  }

  public static void main(String[] args) throws Exception {
    int apps = 50;
    for (int i = 0; i < args.length; i++) {
      if ("--apps".equals(args[i]) && i + 1 < args.length) {
        apps = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: OperatorBenchmark [--apps N]");
        System.exit(2);
      }
    }
    Path logDir = BenchmarkSettings.logDir();
    Files.createDirectories(logDir);
    OperatorFigures figures = new OperatorBenchmark(apps, BenchmarkSettings.jvmOptions("OPERATOR_JAVA_OPTS"), logDir).run();
    System.out.println(figures.summary());
    System.out.println(figures.json());
    // Informer and HTTP client threads of the benchmark's own clients must not keep the JVM up.
    System.exit(0);
  }

  OperatorFigures run() throws Exception {
    List<String> names = BenchApps.names(apps);
    try (MockApiServer api = MockApiServer.start();
         KubernetesClient harness = api.client(ApiClients.HARNESS);
         KubernetesClient floorClient = api.client(ApiClients.FLOOR)) {
      RequestLedger ledger = api.ledger();
      FloorWriter floor = new FloorWriter(harness, floorClient);

      progress("warming up the API server (not measured)");
      floor.write(WARM_UP_NAMESPACE, names, ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER, name -> readyStatus());
      floor.remove(WARM_UP_NAMESPACE);
      ledger.takeWrites();

      progress("operator: " + apps + " new apps to Ready");
      List<Write> creationWrites;
      double seconds;
      int concurrency;
      Map<String, StatelessAppStatus> settledStatus = new HashMap<>();
      try (AppStatusWatch watch = new AppStatusWatch(harness, OPERATOR_NAMESPACE);
           OperatorProcessHandle operator = OperatorProcessHandle.start(api.url(), operatorJvmOptions, logDir.resolve("operator-1.log"))) {
        concurrency = operator.reconcileThreads();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try (DeploymentControllerStandIn deployments = new DeploymentControllerStandIn(harness, OPERATOR_NAMESPACE, workers)) {
          long start = System.nanoTime();
          createApps(harness, names, workers);
          seconds = (watch.awaitAllReady(names, READY_TIMEOUT_S) - start) / 1e9;
          operator.awaitSettled(0);
        } finally {
          workers.shutdownNow();
        }
        creationWrites = RequestLedger.operatorWrites(ledger.takeWrites());
        for (String name : names) {
          settledStatus.put(name, harness.resources(StatelessApp.class).inNamespace(OPERATOR_NAMESPACE).withName(name).get().getStatus());
        }
      }

      progress("floor: a bare client writes the same objects");
      ledger.takeWrites();
      double floorSeconds = floor.write(FLOOR_NAMESPACE, names, concurrency, settledStatus::get);
      int floorWrites = RequestLedger.writesBy(ledger.takeWrites(), ApiClients.FLOOR).size();
      floor.remove(FLOOR_NAMESPACE);
      ledger.takeWrites();

      progress("restart: a new operator process resyncs the settled apps");
      try (AppStatusWatch watch = new AppStatusWatch(harness, OPERATOR_NAMESPACE);
           OperatorProcessHandle operator = OperatorProcessHandle.start(api.url(), operatorJvmOptions, logDir.resolve("operator-2.log"))) {
        operator.awaitSettled(apps);
        List<Write> resyncWrites = RequestLedger.operatorWrites(ledger.takeWrites());
        long startupMs = operator.startupMs();
        double heapMb = operator.usedHeapBytesAfterFullGc() / (1024.0 * 1024.0);

        progress("violations: a disk-backed emptyDir pod for each of " + Math.min(apps, MAX_VIOLATION_SAMPLES) + " apps");
        List<String> probed = names.subList(0, Math.min(apps, MAX_VIOLATION_SAMPLES));
        Percentiles violationMs = new Percentiles(new ViolationProbe(harness, watch).measure(OPERATOR_NAMESPACE, probed));

        progress("done");
        return new OperatorFigures(apps,
            creationWrites.size(), apps * (BenchApps.CHILDREN + 1), RequestLedger.byKind(creationWrites),
            floorWrites, concurrency, seconds, floorSeconds,
            resyncWrites.size(), RequestLedger.byKind(resyncWrites),
            violationMs.count(), violationMs.at(50), violationMs.at(99), heapMb, startupMs);
      }
    }
  }

  /** The user creating the apps, as many at once as the operator reconciles. */
  private static void createApps(KubernetesClient harness, List<String> names, ExecutorService workers) throws Exception {
    List<Future<?>> created = new ArrayList<>();
    for (String name : names) {
      created.add(workers.submit(() -> harness.resource(BenchApps.app(OPERATOR_NAMESPACE, name)).create()));
    }
    for (Future<?> app : created) {
      app.get();
    }
  }

  /** A plausible status for the warm-up, whose only purpose is to exercise the server's code paths. */
  private static StatelessAppStatus readyStatus() {
    StatelessAppStatus status = new StatelessAppStatus();
    status.setObservedGeneration(1L);
    status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Available")
        .withLastTransitionTime("2026-01-01T00:00:00Z").build()));
    return status;
  }

  private void progress(String step) {
    System.out.printf(Locale.ROOT, "... %5.1f s  %s%n", (System.nanoTime() - startNanos) / 1e9, step);
  }
}
