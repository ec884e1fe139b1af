package dev.stateless.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the app from its {@link Config}, serves HTTP, and releases everything on {@link #close()}. */
public final class SampleApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SampleApp.class);
  private static final String SERVED_BY = "X-Served-By";
  /**
   * Jetty keeps, per connection, a cache of whole header lines it has seen (1024 characters by
   * default) and admits any value that fits. Behind an ingress one connection carries many callers,
   * so every new bearer token (300 characters and more) is inserted and soon evicts the others: the
   * cache is cleared and refilled on nearly every request, which costs more than parsing the header
   * plainly. Values longer than this are never admitted, so tokens are parsed and the short
   * headers that do repeat (Host, User-Agent, Accept) stay cached.
   */
  static final int HEADER_CACHE_CHARS = 256;
  /**
   * When the app stops, how long requests still running (a long upload or download) may take to
   * finish; new ones are refused meanwhile. With the 5s drain this fits in the 30s that Kubernetes
   * grants a pod by default between SIGTERM and SIGKILL.
   */
  static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(20);

  private final Redis redis;
  private final TrackedKeys revocationView;
  private final S3Client s3;
  private final Health health;
  private final Javalin http;

  private SampleApp(Redis redis, TrackedKeys revocationView, S3Client s3, Health health, Javalin http) {
    this.redis = redis;
    this.revocationView = revocationView;
    this.s3 = s3;
    this.health = health;
    this.http = http;
  }

  /** Starts serving on {@code config.port()} (0 picks a free port, see {@link #port()}). */
  public static SampleApp start(Config config) {
    Clock clock = Clock.systemUTC();
    JwksKeys jwks;
    try {
      jwks = new JwksKeys(config.jwksFile(), clock);
    } catch (RuntimeException e) {
      throw new Config.InvalidConfigException("JWT_JWKS_FILE unusable: " + e.getMessage());
    }
    ObjectMapper json = new ObjectMapper();
    RedisKeys keys = new RedisKeys(config.redisKeyPrefix());
    Redis redis = new Redis(config.redisUrl());
    S3Client s3 = s3Client(config);

    TokenService tokens = new TokenService(jwks, config.jwtIssuer(), config.accessTokenTtl(), clock);
    TrackedKeys revocationView = new TrackedKeys(redis);
    RevocationList revocations = new RevocationList(redis, keys, revocationView, clock);
    RefreshTokens refreshTokens = new RefreshTokens(redis, keys, revocations, config.refreshTokenTtl(), config.accessTokenTtl());
    Sessions sessions = new Sessions(redis, keys, config.refreshTokenTtl());
    Uploads uploads = new Uploads(s3, config.s3Bucket(), config.maxUploadBytes());
    PrometheusMeterRegistry metrics = metrics();
    FunctionCounter.builder("revocation.lookups", revocationView, TrackedKeys::localAnswers)
        .tag("source", "local").description("revocation checks answered without a Redis round trip")
        .register(metrics);
    FunctionCounter.builder("revocation.lookups", revocationView, TrackedKeys::redisReads)
        .tag("source", "redis").description("revocation checks that read Redis")
        .register(metrics);
    Health health = new Health(redis, uploads);
    Routes routes = new Routes(
        new Users(redis, keys, new Passwords(config.passwordHashIterations())),
        tokens, refreshTokens, sessions, revocations,
        new Authenticator(tokens, revocations, sessions),
        new Carts(redis, keys, config.cartIdleTtl(), json),
        uploads, health, new JsonBodies(json), metrics);

    Javalin http = Javalin.create(javalin -> {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.http.prefer405over404 = true;
      javalin.http.compressionStrategy = CompressionStrategy.NONE; // keep downloads streaming
      javalin.jetty.modifyHttpConfiguration(httpConfig -> httpConfig.setHeaderCacheSize(HEADER_CACHE_CHARS));
      javalin.jetty.modifyServer(server -> {
        // Javalin nests its own handler inside this one. Without it, stopping aborts running requests.
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(IN_FLIGHT_GRACE.toMillis());
      });
      javalin.jsonMapper(new JavalinJackson(json, false));
      javalin.routes.before(ctx -> ctx.header(SERVED_BY, config.podName()));
      javalin.requestLogger.http((ctx, millis) -> record(metrics, ctx, millis));
      routes.register(javalin.routes);
      ErrorResponses.register(javalin.routes);
    });
    try {
      http.start(config.port());
    } catch (RuntimeException e) {
      revocationView.close();
      redis.close();
      s3.close();
      throw e;
    }
    log.info("serving on port {} as {} ({})", http.port(), config.podName(), config);
    return new SampleApp(redis, revocationView, s3, health, http);
  }

  public int port() {
    return http.port();
  }

  /**
   * Stops as a replica behind a Service should (on SIGTERM): report not ready at once, keep serving
   * for {@code drain} while the endpoint is removed everywhere (kube-proxy and ingresses learn of it
   * a little after the kubelet sends the signal), then stop, letting the requests still running
   * finish (see {@link #IN_FLIGHT_GRACE}). Without the pause, requests already routed to this
   * replica would meet a closed port during every rollout.
   */
  public void drainAndClose(Duration drain) {
    health.shutDown();
    log.info("shutting down: not ready, serving for {} more while the endpoint is removed", drain);
    try {
      Thread.sleep(drain.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  @Override
  public void close() {
    http.stop();
    revocationView.close();
    redis.close();
    s3.close();
  }

  private static S3Client s3Client(Config config) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(config.awsRegion()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(config.awsAccessKeyId(), config.awsSecretAccessKey())))
        // The SDKs read no variable for path-style addressing, so S3_FORCE_PATH_STYLE is applied here.
        .forcePathStyle(config.s3ForcePathStyle());
    config.s3Endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static PrometheusMeterRegistry metrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  private static void record(PrometheusMeterRegistry registry, Context ctx, Float millis) {
    String route;
    try {
      route = ctx.endpoint().path;
    } catch (RuntimeException e) {
      route = "unmatched";
    }
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }
}
