package dev.stateless.benchmarks;

import java.nio.file.Path;
import java.util.List;

/** What {@code benchmarks/run.sh} passes to every benchmark: where its files go, and extra JVM options. */
public final class BenchmarkSettings {

  private BenchmarkSettings() {}

  /** Where the processes a benchmark starts write their logs and files ({@code benchmarks/target} from run.sh). */
  public static Path logDir() {
    return Path.of(System.getProperty("benchmarks.logDir", "target"));
  }

  /** JVM options from the environment variable {@code variable}, split on whitespace; none when unset. */
  public static List<String> jvmOptions(String variable) {
    String options = System.getenv().getOrDefault(variable, "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }
}
