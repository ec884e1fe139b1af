package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every response shares: X-Served-By, JSON errors, health and metrics endpoints. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBehaviourApiTest {

  private InProcessApp app;
  private ApiClient api;

  @BeforeAll
  void start() {
    app = new InProcessApp(Map.of("POD_NAME", "shop-6d9f7-abcde"));
    api = app.client;
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void everyResponseNamesTheReplicaThatServedIt() {
    assertThat(api.get("/healthz/live", null).header("X-Served-By")).isEqualTo("shop-6d9f7-abcde");
    assertThat(api.get("/api/me", null).header("X-Served-By")).isEqualTo("shop-6d9f7-abcde");
    assertThat(api.get("/no/such/route", null).header("X-Served-By")).isEqualTo("shop-6d9f7-abcde");
    assertThat(api.postJson("/api/signup", "{", null).header("X-Served-By")).isEqualTo("shop-6d9f7-abcde");
  }

  @Test
  void unknownRoutesAndMethodsAnswerJsonErrors() {
    ApiClient.Reply notFound = api.get("/no/such/route", null);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.json().get("error").asText()).isEqualTo("not_found");
    assertThat(notFound.json().has("message")).isTrue();

    ApiClient.Reply wrongMethod = api.sendUnchecked(api.request("/api/me").DELETE().build());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("error").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void oversizedJsonBodiesAre413() {
    String huge = "{\"username\":\"" + "a".repeat(JsonBodies.MAX_BYTES) + "\",\"password\":\"x\"}";
    ApiClient.Reply reply = api.postJson("/api/signup", huge, null);
    assertThat(reply.status()).isEqualTo(413);
  }

  @Test
  void livenessNeedsNoBackendAndReadinessReportsEachBackend() {
    ApiClient.Reply live = api.get("/healthz/live", null);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("status").asText()).isEqualTo("live");

    ApiClient.Reply ready = api.get("/healthz/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("checks").get("redis").asText()).isEqualTo("up");
    assertThat(ready.json().get("checks").get("objectStorage").asText()).isEqualTo("up");
  }

  @Test
  void readinessFailsWhenTheBucketIsMissing() {
    try (InProcessApp noBucket = new InProcessApp(Map.of("S3_BUCKET", "no-such-bucket"))) {
      ApiClient.Reply ready = noBucket.client.get("/healthz/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.header("Retry-After")).isNotBlank();
      assertThat(ready.json().get("checks").get("objectStorage").asText()).isEqualTo("down");
      assertThat(ready.json().get("checks").get("redis").asText()).isEqualTo("up");

      // S3's 404 NoSuchBucket is the backend's problem: 503 to retry elsewhere, not a 500.
      InProcessApp.Login user = noBucket.newUser();
      ApiClient.Reply upload = noBucket.client.postBytes("/api/files", new byte[] {1, 2, 3}, "application/octet-stream", user.bearer());
      assertThat(upload.status()).isEqualTo(503);
      assertThat(upload.json().get("error").asText()).isEqualTo("backend_unavailable");
    }
  }

  /**
   * An object store that stops answering (a partition: no reset, no error) makes the replica not
   * ready within the probe's patience. Before, the check waited out the SDK's 30s reads and its
   * retries, and this request timed out.
   */
  @Test
  void readinessSaysDownWhenObjectStorageStopsAnswering() throws Exception {
    int s3Port = URI.create(Backends.s3Endpoint()).getPort();
    try (SilentProxy s3 = new SilentProxy(s3Port);
        InProcessApp relayed = new InProcessApp(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.port()))) {
      assertThat(relayed.client.get("/healthz/ready", null).status()).isEqualTo(200);
      s3.freeze();
      ApiClient.Reply ready = relayed.client.get("/healthz/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("checks").get("objectStorage").asText()).isEqualTo("down");
    }
  }

  /** SIGTERM's path: out of the Service first, still answering what was already routed to it, then gone. */
  @Test
  void aReplicaShuttingDownIsNotReadyButServesUntilItStops() throws Exception {
    InProcessApp leaving = new InProcessApp();
    InProcessApp.Login user = leaving.newUser();
    Thread shutdown = new Thread(() -> leaving.app.drainAndClose(Duration.ofSeconds(5)));
    shutdown.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> leaving.client.get("/healthz/ready", null).status() == 503);
      assertThat(leaving.client.get("/healthz/ready", null).json().get("checks").get("replica").asText()).isEqualTo("shutting down");
      assertThat(leaving.client.get("/api/me", user.bearer()).status()).isEqualTo(200);
    } finally {
      shutdown.join();
    }
    assertThatThrownBy(() -> leaving.client.get("/healthz/live", null)).as("stopped after the drain")
        .isInstanceOf(UncheckedIOException.class);
  }

  /**
   * A request still running when the app stops (here an upload whose second half comes during the
   * stop) is answered; stopping used to cut its connection.
   */
  @Test
  void aRequestStillRunningWhenTheAppStopsIsAnswered() throws Exception {
    SilentProxy s3 = new SilentProxy(URI.create(Backends.s3Endpoint()).getPort()); // to see the upload arrive
    InProcessApp leaving = new InProcessApp(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.port()));
    InProcessApp.Login user = leaving.newUser();
    // More than the SDK's 128 KiB chunk: the first is sent to S3 before the rest comes.
    byte[] half = "x".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
    URI base = leaving.client.base();
    try (s3; Socket upload = new Socket(base.getHost(), base.getPort())) {
      upload.setSoTimeout(10_000);
      OutputStream out = upload.getOutputStream();
      out.write(("POST /api/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + user.bearer()
          + "\r\nContent-Type: text/plain\r\nContent-Length: " + 2 * half.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(half);
      out.flush();
      s3.awaitUpstream(1, Duration.ofSeconds(10)); // the handler is running: its PUT has reached S3
      Thread shutdown = new Thread(() -> leaving.app.drainAndClose(Duration.ZERO));
      shutdown.start();
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !canConnect(base));
      out.write(half);
      out.flush();
      String response = new String(upload.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 201");
      shutdown.join(Duration.ofSeconds(10).toMillis());
      assertThat(shutdown.isAlive()).as("stopped once the upload was answered").isFalse();
    }
  }

  private static boolean canConnect(URI base) {
    try (Socket probe = new Socket(base.getHost(), base.getPort())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void redisDownMeans503WithRetryAfterAndNotA500() {
    int unusedPort = Backends.freePort();
    try (InProcessApp noRedis = new InProcessApp(Map.of("REDIS_URL", "redis://127.0.0.1:" + unusedPort))) {
      ApiClient.Reply signup = noRedis.client.postJson("/api/signup",
          ApiClient.credentials("someone", "long enough password"), null);
      assertThat(signup.status()).isEqualTo(503);
      assertThat(signup.header("Retry-After")).isEqualTo(ErrorResponses.RETRY_AFTER_SECONDS);
      assertThat(signup.json().get("error").asText()).isEqualTo("backend_unavailable");
      assertThat(noRedis.client.get("/healthz/ready", null).status()).isEqualTo(503);
      assertThat(noRedis.client.get("/healthz/live", null).status()).isEqualTo(200);
    }
  }

  @Test
  void everyRedisKeyTheAppWritesStartsWithItsPrefix() {
    int port = Backends.freePort();
    redis.embedded.RedisServer own = Backends.startRedis(port);
    String url = "redis://127.0.0.1:" + port;
    try (InProcessApp prefixed = new InProcessApp(Map.of("REDIS_URL", url));
        Redis inspector = new Redis(url)) {
      InProcessApp.Login user = prefixed.newUser();
      ApiClient client = prefixed.client;
      client.putJson("/api/cart", Map.of("items", java.util.List.of(1)), user.bearer());
      client.get("/api/me", user.bearer());
      client.get("/api/me", "Session " + user.sessionId());
      client.postJson("/api/refresh", Map.of("refreshToken", user.refreshToken()), null);
      client.postJson("/api/logout", "", user.bearer());
      java.util.List<String> keys = inspector.commands().keys("*");
      assertThat(keys).hasSizeGreaterThanOrEqualTo(6).allMatch(key -> key.startsWith(prefixed.keyPrefix));
      assertThat(String.join(" ", keys)).as("no secret in a key name")
          .doesNotContain(user.refreshToken()).doesNotContain(user.sessionId()).doesNotContain(user.accessToken());
    } finally {
      Backends.stopQuietly(own);
    }
  }

  @Test
  void metricsArePrometheusTextWithRequestTimings() {
    api.get("/healthz/live", null);
    ApiClient.Reply metrics = api.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/healthz/live\",status=\"200\"}")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void requestsWithoutABodyWhereOneIsNeededAre400() {
    ApiClient.Reply reply = api.sendUnchecked(api.request("/api/login")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(reply.status()).isEqualTo(400);
  }
}
