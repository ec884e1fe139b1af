package dev.stateless.benchmarks.operator;

import dev.stateless.operator.StatelessOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The operator in a JVM of its own, so that its heap and its start-up time are its own. It runs the
 * shipped assembly ({@link StatelessOperator#create}) against the API server named on the command
 * line and answers the benchmark's questions on stdin/stdout, one line each; answers start with
 * {@link #ANSWER} so they stand apart from the operator's log lines.
 *
 * <pre>
 *   (at start)       -> "BENCH ready &lt;reconcile threads&gt;"
 *   await N          -> "BENCH settled &lt;reconciles finished&gt;"  (N finished, then quiet)
 *   startup          -> "BENCH startup &lt;ms from JVM start to the first finished reconcile&gt;"
 *   heap             -> "BENCH heap &lt;bytes used after a full GC&gt;"
 *   stop             -> "BENCH stopped", then the process exits
 * </pre>
 */
public final class OperatorProcess {

  public static final String ANSWER = "BENCH ";
  private static final long QUIET_MS = 500;
  private static final long SETTLE_TIMEOUT_MS = 120_000;

  private OperatorProcess() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: OperatorProcess <api server URL>");
      System.exit(2);
    }
    ReconcileTracker tracker = new ReconcileTracker();
    KubernetesClient client = ApiClients.connectAsOperator(args[0]);
    Operator operator = StatelessOperator.create(client, StatelessOperator.Settings.allNamespaces().withMetrics(tracker));
    operator.start();
    answer("ready " + operator.getConfigurationService().concurrentReconciliationThreads());

    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = commands.readLine()) != null) {
      String[] words = command.trim().split("\\s+");
      switch (words[0]) {
        case "await" -> {
          tracker.awaitQuiet(Integer.parseInt(words[1]), QUIET_MS, SETTLE_TIMEOUT_MS);
          answer("settled " + tracker.finished());
        }
        case "startup" -> answer("startup " + tracker.startupMs());
        case "heap" -> answer("heap " + usedHeapAfterFullGc());
        case "stop" -> {
          operator.stop();
          client.close();
          answer("stopped");
          System.exit(0);
        }
        default -> answer("unknown " + command);
      }
    }
    // The benchmark went away without saying stop: do not linger.
    System.exit(1);
  }

  /** Used heap once garbage is gone: what the operator really keeps for the apps it manages. */
  private static long usedHeapAfterFullGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void answer(String line) {
    System.out.println(ANSWER + line);
    System.out.flush();
  }
}
