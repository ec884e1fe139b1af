package dev.stateless.benchmarks.sample;

import dev.stateless.benchmarks.report.JsonLine;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The figures of one sample-app benchmark run, as a human summary and as the final JSON line. */
public record SampleAppFigures(
    double verifyUsHs256,
    double verifyUsEs256,
    double verifyUsEdDsa,
    double redisGetUs,
    int connections,
    EndpointTally floor,
    EndpointTally jwt,
    EndpointTally session,
    long revocationChecksLocal,
    long revocationChecksRedis) {

  /** The target: an authenticated request costs at most 10% more than the floor. */
  public static final double TARGET_RATIO = 0.9;

  public double jwtToFloor() {
    return rps(jwt) / rps(floor);
  }

  /**
   * The standard error of {@link #jwtToFloor()}, from the spread of the ratio between the JWT and
   * floor rounds of each cycle (they run back to back, so each pair saw the same machine).
   */
  public double jwtToFloorStandardError() {
    List<Double> jwtRates = jwt.roundRates();
    List<Double> floorRates = floor.roundRates();
    int pairs = Math.min(jwtRates.size(), floorRates.size());
    if (pairs < 2) {
      return Double.NaN;
    }
    double[] ratios = IntStream.range(0, pairs).mapToDouble(i -> jwtRates.get(i) / floorRates.get(i)).toArray();
    double mean = Arrays.stream(ratios).average().orElseThrow();
    double variance = Arrays.stream(ratios).map(r -> (r - mean) * (r - mean)).sum() / (pairs - 1);
    return Math.sqrt(variance / pairs);
  }

  private static double rps(EndpointTally tally) {
    return tally.result().requestsPerSecond();
  }

  public String summary() {
    return String.join(System.lineSeparator(),
        "Sample app benchmark",
        String.format(Locale.ROOT, "  JWT verification (jjwt, signature + claims)  HS256 %.2f us, ES256 %.2f us, EdDSA %.2f us",
            verifyUsHs256, verifyUsEs256, verifyUsEdDsa),
        String.format(Locale.ROOT, "  Redis GET round trip (lettuce, loopback)     %.2f us", redisGetUs),
        String.format(Locale.ROOT, "  HTTP, %d connections, closed loop:", connections),
        line("GET /healthz/live (floor)", floor),
        line("GET /api/me, Bearer JWT", jwt),
        line("GET /api/me, Session id in Redis", session),
        String.format(Locale.ROOT, "  revocation checks in the measured rounds: %d answered locally, %d read from Redis",
            revocationChecksLocal, revocationChecksRedis),
        String.format(Locale.ROOT, "  rpsJwt / rpsFloor = %.3f, standard error %.3f (target >= %.1f): %s; rpsRedisSession / rpsFloor = %.3f",
            jwtToFloor(), jwtToFloorStandardError(), TARGET_RATIO, jwtToFloor() >= TARGET_RATIO ? "met" : "NOT met",
            rps(session) / rps(floor)),
        String.format(Locale.ROOT, "  app CPU per request: JWT %+.1f us, session %+.1f us over the floor's %.1f us",
            jwt.appCpuUsPerRequest() - floor.appCpuUsPerRequest(),
            session.appCpuUsPerRequest() - floor.appCpuUsPerRequest(), floor.appCpuUsPerRequest()));
  }

  private static String line(String what, EndpointTally tally) {
    HttpLoad.Result result = tally.result();
    String rounds = tally.roundRatesText();
    return String.format(Locale.ROOT,
        "    %-34s %6.0f req/s  p50 %5.2f ms  p99 %6.2f ms  app CPU %5.1f us/req  load generator CPU %5.1f us/req"
            + "  (%d requests, %d failed; rounds: %s)",
        what, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), tally.appCpuUsPerRequest(),
        tally.generatorCpuUsPerRequest(),
        result.requests(), result.failures(), rounds);
  }

  public String json() {
    return new JsonLine()
        .put("verifyUsHs256", verifyUsHs256, 2)
        .put("verifyUsEs256", verifyUsEs256, 2)
        .put("verifyUsEdDsa", verifyUsEdDsa, 2)
        .put("redisGetUs", redisGetUs, 2)
        .put("rpsFloor", rps(floor), 0)
        .put("rpsJwt", rps(jwt), 0)
        .put("rpsRedisSession", rps(session), 0)
        .put("p99MsFloor", floor.result().p99Ms(), 2)
        .put("p99MsJwt", jwt.result().p99Ms(), 2)
        .put("p99MsRedisSession", session.result().p99Ms(), 2)
        .toString();
  }
}
