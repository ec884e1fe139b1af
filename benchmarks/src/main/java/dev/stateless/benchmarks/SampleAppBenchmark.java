package dev.stateless.benchmarks;

import dev.stateless.benchmarks.sample.MicroBenchmarks;
import dev.stateless.benchmarks.sample.SampleAppFigures;
import dev.stateless.benchmarks.sample.SampleAppLoadRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The cost of statelessness in the sample app, in one run: JMH microbenchmarks of what an
 * authenticated request may pay (a JWT signature check per algorithm, a Redis GET round trip), then
 * HTTP load on the real app comparing no authentication, a JWT, and a server-side session in Redis.
 * Prints a summary, and the figures as one JSON object on the last line.
 */
public final class SampleAppBenchmark {

  /**
   * Rounds measured per endpoint. On two shared cores the JWT/floor ratio of two neighbouring rounds
   * scatters with a standard deviation of about 0.09; over 30 pairs the ratio's standard error is
   * about 0.016, small enough to judge a 10% target by.
   */
  private static final int ROUNDS = 30;
  private static final int WARM_UP_ROUNDS = 10;
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  /** What spec.jwt.algorithm may choose; the load run signs its tokens with one of them. */
  private static final List<String> ALGORITHMS = List.of("ES256", "EdDSA", "HS256");

  private SampleAppBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = 16;
    int roundSeconds = 2;
    String algorithm = SampleAppLoadRun.DEFAULT_ALGORITHM;
    for (int i = 0; i < args.length; i++) {
      if ("--connections".equals(args[i]) && i + 1 < args.length) {
        connections = Integer.parseInt(args[++i]);
      } else if ("--round-seconds".equals(args[i]) && i + 1 < args.length) {
        roundSeconds = Integer.parseInt(args[++i]);
      } else if ("--algorithm".equals(args[i]) && i + 1 < args.length && ALGORITHMS.contains(args[i + 1])) {
        algorithm = args[++i];
      } else {
        System.err.println("usage: SampleAppBenchmark [--connections N] [--round-seconds S] [--algorithm ES256|EdDSA|HS256]");
        System.exit(2);
      }
    }
    Path appJar = Path.of(System.getProperty("sample.app.jar", "sample-app/target/stateless-sample-app.jar"));
    if (!Files.isRegularFile(appJar)) {
      System.err.println("no sample app jar at " + appJar + "; build it with mvn -pl sample-app -am package");
      System.exit(2);
    }
    Path logDir = BenchmarkSettings.logDir();
    Files.createDirectories(logDir);

    System.out.println("... JMH microbenchmarks (1 fork, 5 warm-up iterations of 2 s, 5 measured iterations of 1 s)");
    Map<String, Double> micro = new MicroBenchmarks(1, 5, 2, 5).run();

    System.out.println("... HTTP load on the sample app (" + algorithm + " tokens, " + connections + " connections; per endpoint " + WARM_UP_ROUNDS
        + " warm-up rounds of " + WARM_UP.toSeconds() + " s, then " + ROUNDS + " measured rounds of " + roundSeconds + " s)");
    SampleAppLoadRun.Outcome load = new SampleAppLoadRun(appJar, logDir, algorithm, connections,
        WARM_UP_ROUNDS, WARM_UP, ROUNDS, Duration.ofSeconds(roundSeconds)).run();

    SampleAppFigures figures = new SampleAppFigures(
        micro.get("verify-HS256"), micro.get("verify-ES256"), micro.get("verify-EdDSA"), micro.get("redis-get"),
        connections,
        load.tallies().get(SampleAppLoadRun.FLOOR),
        load.tallies().get(SampleAppLoadRun.JWT),
        load.tallies().get(SampleAppLoadRun.SESSION),
        load.revocationChecksLocal(), load.revocationChecksRedis());
    System.out.println(figures.summary());
    System.out.println(figures.json());
    // The S3 server's and the HTTP client's threads must not keep the JVM up.
    System.exit(0);
  }
}
