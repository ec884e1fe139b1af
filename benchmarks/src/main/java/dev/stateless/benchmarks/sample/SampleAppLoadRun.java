package dev.stateless.benchmarks.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample app under HTTP load, on real backends (a redis-server process, an S3 server), with the
 * same identity presented three ways: not at all (the floor, {@code GET /healthz/live}), as a JWT,
 * and as a server-side session id. The three endpoints take turns in short rounds, so a change in
 * what else the machine is doing falls on all three alike.
 */
public final class SampleAppLoadRun {

  /** The three ways of asking, in the order they take turns. */
  public static final String FLOOR = "floor";
  public static final String JWT = "jwt";
  public static final String SESSION = "redis-session";

  /** The algorithm the operator chooses when a StatelessApp names none (spec.jwt.algorithm). */
  public static final String DEFAULT_ALGORITHM = "ES256";

  /** The figures, plus how the revocation checks were answered during the JWT rounds. */
  public record Outcome(Map<String, EndpointTally> tallies, long revocationChecksLocal, long revocationChecksRedis) {}

  private final Path appJar;
  private final Path logDir;
  private final String algorithm;
  private final int connections;
  private final int warmUpRounds;
  private final Duration warmUp;
  private final int rounds;
  private final Duration round;

  public SampleAppLoadRun(Path appJar, Path logDir, String algorithm, int connections, int warmUpRounds, Duration warmUp,
      int rounds, Duration round) {
    this.appJar = appJar;
    this.logDir = logDir;
    this.algorithm = algorithm;
    this.connections = connections;
    this.warmUpRounds = warmUpRounds;
    this.warmUp = warmUp;
    this.rounds = rounds;
    this.round = round;
  }

  public Outcome run() throws Exception {
    try (LocalRedis redis = LocalRedis.start();
         LocalS3 s3 = LocalS3.start();
         SampleAppProcess app = SampleAppProcess.start(appJar, environment(redis, s3), logDir.resolve("sample-app.log"));
         HttpLoad load = new HttpLoad(connections)) {
      URI base = app.base();
      List<SampleAppUsers.LoggedIn> users = SampleAppUsers.create(base, connections);
      Map<String, List<HttpRequest>> requests = new LinkedHashMap<>();
      requests.put(FLOOR, each(users, user -> get(base, "/healthz/live", null)));
      requests.put(JWT, each(users, user -> get(base, "/api/me", "Bearer " + user.accessToken())));
      requests.put(SESSION, each(users, user -> get(base, "/api/me", "Session " + user.sessionId())));

      // Warm-up: the app's JIT (and the load generator's) needs tens of seconds on two busy cores;
      // rounds measured before that would measure the compiler. The app is scraped after each
      // round, as Prometheus scrapes it in a cluster: a first scrape after a warm-up without any
      // made the app recompile its hot paths, at twice the CPU per request for seconds, in the
      // first measured round.
      Map<String, EndpointTally> discarded = tallies(requests);
      runRounds(load, app, requests, warmUpRounds, warmUp, discarded, () -> revocationLookups(base));
      // Shown so that a reader can see whether the rates had settled before the measured rounds.
      discarded.forEach((endpoint, tally) ->
          System.out.println("    warm-up rounds, " + endpoint + " req/s: " + tally.roundRatesText()));
      Map<String, Long> before = revocationLookups(base);
      Map<String, EndpointTally> tallies = tallies(requests);
      runRounds(load, app, requests, rounds, round, tallies, () -> revocationLookups(base));
      Map<String, Long> after = revocationLookups(base);
      return new Outcome(tallies,
          after.getOrDefault("local", 0L) - before.getOrDefault("local", 0L),
          after.getOrDefault("redis", 0L) - before.getOrDefault("redis", 0L));
    }
  }

  /**
   * Runs each endpoint for {@code duration}, {@code count} times over, rotating the order so that
   * no endpoint always follows the same one; {@code betweenRounds} runs after each round, outside
   * the measured time.
   */
  private static void runRounds(HttpLoad load, SampleAppProcess app, Map<String, List<HttpRequest>> requests,
      int count, Duration duration, Map<String, EndpointTally> tallies, Callable<?> betweenRounds) throws Exception {
    List<String> order = new ArrayList<>(requests.keySet());
    for (int i = 0; i < count; i++) {
      for (String endpoint : order) {
        Duration cpuBefore = app.cpuTime();
        Duration generatorBefore = ownCpuTime();
        HttpLoad.Result result = load.run(endpoint, requests.get(endpoint), duration);
        tallies.get(endpoint).add(result, app.cpuTime().minus(cpuBefore), ownCpuTime().minus(generatorBefore));
        betweenRounds.call();
      }
      Collections.rotate(order, -1);
    }
  }

  /** This process's CPU time: the load generator's, and an idle S3 server's. */
  private static Duration ownCpuTime() {
    return SampleAppProcess.cpuTime(ProcessHandle.current());
  }

  private static Map<String, EndpointTally> tallies(Map<String, List<HttpRequest>> requests) {
    Map<String, EndpointTally> tallies = new LinkedHashMap<>();
    requests.keySet().forEach(endpoint -> tallies.put(endpoint, new EndpointTally()));
    return tallies;
  }

  /** The environment the operator injects, pointing at the local backends and a JWKS file. */
  private Map<String, String> environment(LocalRedis redis, LocalS3 s3) throws Exception {
    Path jwks = ScratchDirs.create("jwt-").resolve("jwks.json");
    Files.writeString(jwks, SigningKeys.generate(algorithm, "2026-01-01T00-00-00Z").jwks());
    Map<String, String> env = new HashMap<>();
    env.put("POD_NAME", "bench");
    env.put("REDIS_URL", redis.url());
    env.put("REDIS_KEY_PREFIX", "bench:shop:");
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
    env.put("AWS_REGION", "us-east-1");
    env.put("S3_BUCKET", LocalS3.BUCKET);
    env.put("S3_FORCE_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", "bench-access-key");
    env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-key");
    env.put("JWT_JWKS_FILE", jwks.toString());
    env.put("JWT_ISSUER", "https://shop.example.com");
    // Logins are set-up here, not measured: the cheapest password hashing the app accepts.
    env.put("PASSWORD_HASH_ITERATIONS", "1000");
    return env;
  }

  private static List<HttpRequest> each(List<SampleAppUsers.LoggedIn> users, Function<SampleAppUsers.LoggedIn, HttpRequest> request) {
    return users.stream().map(request).toList();
  }

  private static HttpRequest get(URI base, String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private static final Pattern LOOKUPS = Pattern.compile("^revocation_lookups_total\\{[^}]*source=\"(\\w+)\"[^}]*\\}\\s+([0-9.eE+]+)", Pattern.MULTILINE);

  private static final HttpClient SCRAPER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The app's own count of revocation checks by where the answer came from (its /metrics). */
  private static Map<String, Long> revocationLookups(URI base) throws Exception {
    String metrics = SCRAPER
        .send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Long> lookups = new HashMap<>();
    Matcher matcher = LOOKUPS.matcher(metrics);
    while (matcher.find()) {
      lookups.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
    }
    return lookups;
  }
}
