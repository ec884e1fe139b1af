package dev.stateless.benchmarks.sample;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of the sample app's per-request costs and returns their scores in
 * microseconds per operation. Few forks and short iterations keep the run under a minute;
 * enough to tell costs of different orders apart, not to resolve a few percent.
 */
public final class MicroBenchmarks {

  private final int forks;
  private final int warmUpIterations;
  private final int warmUpSeconds;
  private final int iterations;

  /**
   * {@code warmUpSeconds} per warm-up iteration: an ES256 check takes a millisecond or more before
   * the JIT has compiled the elliptic-curve arithmetic, so it needs more warm-up than the others.
   */
  public MicroBenchmarks(int forks, int warmUpIterations, int warmUpSeconds, int iterations) {
    this.forks = forks;
    this.warmUpIterations = warmUpIterations;
    this.warmUpSeconds = warmUpSeconds;
    this.iterations = iterations;
  }

  /** Scores by benchmark: "verify-HS256", "verify-ES256", "verify-EdDSA", "redis-get". */
  public Map<String, Double> run() throws Exception {
    Options options = new OptionsBuilder()
        .include(JwtVerificationBenchmark.class.getName() + ".verify")
        .include(RedisGetBenchmark.class.getName() + ".get")
        .forks(forks)
        .warmupIterations(warmUpIterations)
        .warmupTime(TimeValue.seconds(warmUpSeconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> scores = new HashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String name = benchmark.startsWith(JwtVerificationBenchmark.class.getName())
          ? "verify-" + result.getParams().getParam("algorithm")
          : "redis-get";
      scores.put(name, result.getPrimaryResult().getScore());
    }
    return scores;
  }
}
