package dev.stateless.benchmarks.operator;

import dev.stateless.benchmarks.report.JsonLine;
import java.util.Locale;
import java.util.Map;

/** The figures of one operator benchmark run, as a human summary and as the final JSON line. */
public record OperatorFigures(
    int apps,
    int writes,
    int writesFloor,
    Map<String, Integer> writesByKind,
    int floorWritesMeasured,
    int concurrency,
    double seconds,
    double floorSeconds,
    int noopWrites,
    Map<String, Integer> noopWritesByKind,
    int violationSamples,
    double violationP50Ms,
    double violationP99Ms,
    double heapMb,
    long startupMs) {

  public String summary() {
    return String.join(System.lineSeparator(),
        String.format(Locale.ROOT, "Operator benchmark: %d StatelessApps, %d children each, %d reconciled at once",
            apps, BenchApps.CHILDREN, concurrency),
        String.format(Locale.ROOT, "  writes until all Ready   %6d   floor %d (measured floor client: %d)  %s",
            writes, writesFloor, floorWritesMeasured, writesByKind),
        String.format(Locale.ROOT, "  seconds until all Ready  %9.3f   floor %.3f s (x%.2f)", seconds, floorSeconds, seconds / floorSeconds),
        String.format(Locale.ROOT, "  writes on a full resync  %6d   %s", noopWrites, noopWritesByKind),
        String.format(Locale.ROOT, "  violation shown after    p50 %.1f ms, p99 %.1f ms (%d apps probed)",
            violationP50Ms, violationP99Ms, violationSamples),
        String.format(Locale.ROOT, "  heap after full GC       %9.1f MB (operator JVM, %d apps settled)", heapMb, apps),
        String.format(Locale.ROOT, "  start-up                 %6d ms (JVM start to first finished reconcile)", startupMs));
  }

  public String json() {
    return new JsonLine()
        .put("apps", apps)
        .put("writes", writes)
        .put("writesFloor", writesFloor)
        .put("seconds", seconds, 3)
        .put("floorSeconds", floorSeconds, 3)
        .put("noopWrites", noopWrites)
        .put("violationP50Ms", violationP50Ms, 1)
        .put("violationP99Ms", violationP99Ms, 1)
        .put("heapMb", heapMb, 1)
        .put("startupMs", startupMs)
        .toString();
  }
}
