package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.embedded.RedisServer;

/**
 * Three replicas as separate OS processes on loopback, one real Redis, one S3 server and a JWKS
 * Secret volume; a client that sends every request to a randomly chosen replica. The steps build
 * on each other (users made early are checked after the kill), hence the fixed order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String PASSWORD = "correct horse battery staple";

  private int redisPort;
  private RedisServer redis;
  private TestKeys.TestKey firstKey;
  private TestKeys.SecretVolume jwks;
  private Map<String, String> env;
  private final Map<String, AppProcess> processes = new LinkedHashMap<>();
  private final ReplicaRouter router = new ReplicaRouter();
  /** Users whose cart and files must survive everything that follows, with what they should hold. */
  private final List<User> users = new ArrayList<>();

  /** A user as the test remembers them: credentials, tokens, the cart and files they should have. */
  static final class User {
    final String username;
    volatile String accessToken;
    volatile String refreshToken;
    volatile List<String> cart = List.of();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, String> fileTypes = new ConcurrentHashMap<>();

    User(String username) {
      this.username = username;
    }

    String bearer() {
      return ApiClient.bearer(accessToken);
    }
  }

  @BeforeAll
  void startEverything() throws Exception {
    redisPort = Backends.freePort();
    redis = Backends.startRedis(redisPort);
    firstKey = TestKeys.es256("2026-01-01T00-00-00Z");
    jwks = new TestKeys.SecretVolume(Backends.tempDir("e2e-jwt").resolve("jwt"), TestKeys.jwks(firstKey));
    env = new HashMap<>(InProcessApp.environment("redis://127.0.0.1:" + redisPort,
        "e2e:shop:", jwks));
    env.remove("PORT");
    env.remove("POD_NAME");
    for (String name : List.of("replica-a", "replica-b", "replica-c")) {
      startReplica(name);
    }
    for (AppProcess process : processes.values()) {
      awaitReady(process);
    }
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AppProcess process : processes.values()) {
      process.close();
    }
    if (redis != null) {
      Backends.stopQuietly(redis);
    }
  }

  @Test
  @Order(1)
  void signupOnOneReplicaLoginOnAnotherAndEveryReplicaKnowsTheUser() {
    List<ReplicaRouter.Replica> replicas = router.replicas();
    for (int i = 0; i < 6; i++) {
      User user = new User("e2e-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
      ReplicaRouter.Replica signupOn = replicas.get(i % 3);
      ReplicaRouter.Replica loginOn = replicas.get((i + 1) % 3);
      ApiClient.Reply signup = signupOn.client().postJson("/api/signup", ApiClient.credentials(user.username, PASSWORD), null);
      assertThat(signup.status()).isEqualTo(201);
      assertThat(signup.header("X-Served-By")).isEqualTo(signupOn.name());
      ApiClient.Reply login = loginOn.client().postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
      assertThat(login.status()).isEqualTo(200);
      assertThat(login.header("X-Served-By")).isEqualTo(loginOn.name());
      user.accessToken = login.json().get("accessToken").asText();
      user.refreshToken = login.json().get("refreshToken").asText();
      for (ReplicaRouter.Replica replica : replicas) {
        ApiClient.Reply me = replica.client().get("/api/me", user.bearer());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(user.username);
        assertThat(me.header("X-Served-By")).isEqualTo(replica.name());
      }
      users.add(user);
    }
  }

  @Test
  @Order(2)
  void cartsAndFilesWrittenOnOneReplicaAreReadOnEveryOther() {
    Random random = new Random(2);
    for (User user : users) {
      List<String> items = List.of("item-" + random.nextInt(1000), "item-" + random.nextInt(1000));
      assertThat(router.send(c -> put(c, "/api/cart", Map.of("items", items), user)).reply().status()).isEqualTo(204);
      user.cart = items;
      byte[] content = bytes(random, 1 + random.nextInt(64 * 1024));
      ReplicaRouter.Routed upload = router.send(c -> upload(c, content, "application/x-test", user));
      assertThat(upload.reply().status()).isEqualTo(201);
      String id = upload.reply().json().get("id").asText();
      user.files.put(id, content);
      user.fileTypes.put(id, "application/x-test");
    }
    for (User user : users) {
      assertEverythingIntact(user, router.replicas());
    }
  }

  @Test
  @Order(3)
  void logoutOnOneReplicaIsSeenAtOnceByTheOthers() {
    List<ReplicaRouter.Replica> replicas = router.replicas();
    for (int round = 0; round < 30; round++) {
      User user = users.get(round % users.size());
      ApiClient.Reply login = replicas.get(round % 3).client()
          .postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
      String token = login.json().get("accessToken").asText();
      // Every replica has seen the token, so each holds a local "not revoked" answer for it.
      for (ReplicaRouter.Replica replica : replicas) {
        assertThat(replica.client().get("/api/me", ApiClient.bearer(token)).status()).isEqualTo(200);
      }
      ReplicaRouter.Replica logoutOn = replicas.get(round % 3);
      assertThat(logoutOn.client().postJson("/api/logout", "", ApiClient.bearer(token)).status()).isEqualTo(204);
      // Immediately, with no wait or retry: the others must already refuse it.
      for (ReplicaRouter.Replica other : replicas) {
        ApiClient.Reply me = other.client().get("/api/me", ApiClient.bearer(token));
        assertThat(me.status()).as("token logged out on %s, presented to %s", logoutOn.name(), other.name())
            .isEqualTo(401);
      }
    }
    for (User user : users) { // the other logins of the same users are untouched
      assertThat(router.send(c -> get(c, "/api/me", user)).reply().status()).isEqualTo(200);
    }
  }

  @Test
  @Order(4)
  void aWarmReplicaChecksRevocationWithoutAskingRedis() {
    User user = users.get(1);
    for (ReplicaRouter.Replica replica : router.replicas()) {
      assertThat(replica.client().get("/api/me", user.bearer()).status()).isEqualTo(200);
      double redisBefore = revocationLookups(replica, "redis");
      double localBefore = revocationLookups(replica, "local");
      for (int i = 0; i < 20; i++) {
        assertThat(replica.client().get("/api/me", user.bearer()).status()).isEqualTo(200);
      }
      assertThat(revocationLookups(replica, "redis")).as("Redis reads on %s", replica.name()).isEqualTo(redisBefore);
      assertThat(revocationLookups(replica, "local") - localBefore).isEqualTo(60); // login, jti and sid, 20 times
    }
  }

  @Test
  @Order(5)
  void refreshTokenReuseIsRejectedEverywhere() {
    List<ReplicaRouter.Replica> replicas = router.replicas();
    User user = users.get(0);
    ApiClient.Reply login = replicas.get(0).client().postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
    String original = login.json().get("refreshToken").asText();
    String originalAccess = login.json().get("accessToken").asText();

    ApiClient.Reply rotated = replicas.get(0).client().postJson("/api/refresh", Map.of("refreshToken", original), null);
    assertThat(rotated.status()).isEqualTo(200);
    String successor = rotated.json().get("refreshToken").asText();
    String successorAccess = rotated.json().get("accessToken").asText();
    for (ReplicaRouter.Replica replica : replicas) {
      assertThat(replica.client().get("/api/me", ApiClient.bearer(successorAccess)).status()).isEqualTo(200);
    }

    ApiClient.Reply reuse = replicas.get(1).client().postJson("/api/refresh", Map.of("refreshToken", original), null);
    assertThat(reuse.status()).isEqualTo(401);
    for (ReplicaRouter.Replica replica : replicas) {
      assertThat(replica.client().postJson("/api/refresh", Map.of("refreshToken", original), null).status())
          .isEqualTo(401);
      assertThat(replica.client().postJson("/api/refresh", Map.of("refreshToken", successor), null).status())
          .as("the successor is revoked with its family on %s", replica.name()).isEqualTo(401);
      assertThat(replica.client().get("/api/me", ApiClient.bearer(successorAccess)).status()).isEqualTo(401);
      assertThat(replica.client().get("/api/me", ApiClient.bearer(originalAccess)).status()).isEqualTo(401);
    }
  }

  @Test
  @Order(6)
  void killingAReplicaMidRunLosesNothing() throws Exception {
    router.resetCounters();
    int workers = 4;
    int requestsPerWorker = 150;
    int killAfter = workers * requestsPerWorker / 3;
    AtomicInteger done = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch killPoint = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      List<User> mine = users.stream().filter(u -> users.indexOf(u) % workers == worker).toList();
      int seed = w;
      running.add(pool.submit(() -> {
        Random random = new Random(seed);
        for (int i = 0; i < requestsPerWorker; i++) {
          User user = mine.get(i % mine.size()); // each user belongs to one worker: answers are predictable
          String problem = oneStep(user, i, random);
          if (problem != null) {
            wrong.incrementAndGet();
            problems.add(problem);
          }
          if (done.incrementAndGet() == killAfter) {
            killPoint.countDown();
          }
        }
        return null;
      }));
    }
    assertThat(killPoint.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    AppProcess victim = processes.get("replica-b");
    victim.kill();
    int doneAtKill = done.get();
    pool.shutdown();
    for (Future<?> worker : running) {
      worker.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
    System.out.printf("kill run: requests sent=%d retried=%d lost=%d wrong=%d (replica-b killed after %d of %d)%n",
        router.sent.get(), router.retried.get(), router.lost.get(), wrong.get(), doneAtKill,
        workers * requestsPerWorker);
    assertThat(victim.isAlive()).isFalse();
    assertThat(problems).isEmpty();
    assertThat(router.lost.get()).isZero();
    assertThat(router.sent.get()).isGreaterThanOrEqualTo(workers * requestsPerWorker);
    assertThat(router.retried.get()).as("the client noticed the dead replica and went elsewhere").isPositive();

    // A replacement replica joins, as a Deployment would start one, and serves everything at once.
    router.remove("replica-b");
    processes.remove("replica-b");
    startReplica("replica-d");
    awaitReady(processes.get("replica-d"));
    for (User user : users) {
      assertEverythingIntact(user, router.replicas());
    }
  }

  @Test
  @Order(7)
  void rotatedJwksVerifiesOldTokensAndSignsNewOnesWithTheNewKey() throws Exception {
    User user = users.get(1);
    String oldToken = user.accessToken;
    TestKeys.TestKey secondKey = TestKeys.es256("2026-02-01T00-00-00Z");
    jwks.rotate(TestKeys.jwks(secondKey, firstKey));

    for (ReplicaRouter.Replica replica : router.replicas()) {
      await().atMost(PATIENCE).untilAsserted(() -> {
        ApiClient.Reply login = replica.client().postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(kid(login.json().get("accessToken").asText())).isEqualTo(secondKey.kid());
      });
    }
    ApiClient.Reply fresh = router.replicas().get(0).client()
        .postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
    String newToken = fresh.json().get("accessToken").asText();
    assertThat(kid(newToken)).isEqualTo(secondKey.kid());
    for (ReplicaRouter.Replica replica : router.replicas()) {
      assertThat(replica.client().get("/api/me", ApiClient.bearer(oldToken)).status())
          .as("token signed with the retired key, on %s", replica.name()).isEqualTo(200);
      assertThat(replica.client().get("/api/me", ApiClient.bearer(newToken)).status())
          .as("token signed with the new key, on %s", replica.name()).isEqualTo(200);
    }
    user.accessToken = newToken;
  }

  @Test
  @Order(8)
  void redisOutageAnswers503AndARedisBackWithoutItsDataRefusesTheLoginsItForgot() {
    User user = users.get(2);
    Backends.stopQuietly(redis);
    for (ReplicaRouter.Replica replica : router.replicas()) {
      await().atMost(PATIENCE).untilAsserted(() -> {
        ApiClient.Reply ready = replica.client().get("/healthz/ready", null);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("checks").get("redis").asText()).isEqualTo("down");
      });
      for (ApiClient.Reply reply : List.of(
          replica.client().get("/api/me", user.bearer()),
          replica.client().get("/api/cart", user.bearer()),
          replica.client().putJson("/api/cart", Map.of("items", List.of("x")), user.bearer()),
          replica.client().postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null))) {
        assertThat(reply.status()).as("on %s during the outage", replica.name()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isNotBlank();
        assertThat(reply.json().get("error").asText()).isEqualTo("backend_unavailable");
      }
      assertThat(replica.client().get("/healthz/live", null).status()).isEqualTo(200);
    }

    // This Redis keeps nothing across a restart: the logins, and the revocations, are gone. A
    // revocation list that forgot its entries must not let revoked tokens back in, so the tokens
    // of logins Redis no longer holds are refused, and their users sign in again.
    redis = Backends.startRedis(redisPort);
    for (ReplicaRouter.Replica replica : router.replicas()) {
      await().atMost(PATIENCE).untilAsserted(() ->
          assertThat(replica.client().get("/healthz/ready", null).status()).isEqualTo(200));
      assertThat(replica.client().get("/api/me", user.bearer()).status())
          .as("a token of a login the restarted Redis does not hold, on %s", replica.name()).isEqualTo(401);
    }
    ReplicaRouter.Replica again = router.replicas().get(1);
    assertThat(again.client().postJson("/api/signup", ApiClient.credentials(user.username, PASSWORD), null).status())
        .isEqualTo(201);
    ApiClient.Reply login = again.client().postJson("/api/login", ApiClient.credentials(user.username, PASSWORD), null);
    assertThat(login.status()).isEqualTo(200);
    user.accessToken = login.json().get("accessToken").asText();
    user.refreshToken = login.json().get("refreshToken").asText();
    for (ReplicaRouter.Replica replica : router.replicas()) {
      ApiClient.Reply me = replica.client().get("/api/me", user.bearer());
      assertThat(me.status()).as("the new login's token on %s", replica.name()).isEqualTo(200);
      assertThat(me.json().get("username").asText()).isEqualTo(user.username);
      assertThat(replica.client().putJson("/api/cart", Map.of("items", List.of(replica.name())), user.bearer()).status())
          .isEqualTo(204);
      assertThat(replica.client().get("/api/cart", user.bearer()).json().get("items").get(0).asText())
          .isEqualTo(replica.name());
    }
    // Client-side caching is back on every replica: answers are local again, and a logout still
    // reaches every other replica at once.
    for (ReplicaRouter.Replica replica : router.replicas()) {
      await().atMost(PATIENCE).untilAsserted(() -> {
        double redisBefore = revocationLookups(replica, "redis");
        assertThat(replica.client().get("/api/me", user.bearer()).status()).isEqualTo(200);
        assertThat(revocationLookups(replica, "redis")).isEqualTo(redisBefore);
      });
    }
    ReplicaRouter.Replica logoutOn = router.replicas().get(0);
    assertThat(logoutOn.client().postJson("/api/logout", "", user.bearer()).status()).isEqualTo(204);
    for (ReplicaRouter.Replica replica : router.replicas()) {
      assertThat(replica.client().get("/api/me", user.bearer()).status()).isEqualTo(401);
    }
  }

  private static double revocationLookups(ReplicaRouter.Replica replica, String source) {
    String metrics = replica.client().get("/metrics", null).body();
    String prefix = "revocation_lookups_total{source=\"" + source + "\"} ";
    return metrics.lines().filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + metrics));
  }

  /** One request of the kill run; returns a description of a wrong answer, or null. */
  private String oneStep(User user, int step, Random random) {
    switch (step % 5) {
      case 0 -> {
        List<String> items = new ArrayList<>(user.cart);
        items.add("step-" + step);
        ApiClient.Reply reply = router.send(c -> put(c, "/api/cart", Map.of("items", items), user)).reply();
        if (reply.status() != 204) {
          return "PUT /api/cart: " + reply.status() + " " + reply.body();
        }
        user.cart = items;
        return null;
      }
      case 1 -> {
        ReplicaRouter.Routed routed = router.send(c -> get(c, "/api/cart", user));
        List<String> actual = strings(routed.reply().json().get("items"));
        return actual.equals(user.cart) ? null
            : "GET /api/cart on " + routed.replica().name() + ": " + actual + " != " + user.cart;
      }
      case 2 -> {
        byte[] content = bytes(random, 1 + random.nextInt(32 * 1024));
        ApiClient.Reply reply = router.send(c -> upload(c, content, "application/octet-stream", user)).reply();
        if (reply.status() != 201) {
          return "POST /api/files: " + reply.status() + " " + reply.body();
        }
        String id = reply.json().get("id").asText();
        user.files.put(id, content);
        user.fileTypes.put(id, "application/octet-stream");
        return null;
      }
      case 3 -> {
        List<String> ids = new ArrayList<>(user.files.keySet());
        String id = ids.get(random.nextInt(ids.size()));
        ReplicaRouter.Routed routed = router.send(c -> get(c, "/api/files/" + id, user));
        return routed.reply().status() == 200 && java.util.Arrays.equals(routed.reply().bytes(), user.files.get(id))
            ? null : "GET /api/files/" + id + " on " + routed.replica().name() + ": " + routed.reply().status();
      }
      default -> {
        ReplicaRouter.Routed routed = router.send(c -> get(c, "/api/me", user));
        return routed.reply().status() == 200
            && user.username.equals(routed.reply().json().get("username").asText())
            ? null : "GET /api/me on " + routed.replica().name() + ": " + routed.reply().status();
      }
    }
  }

  private void assertEverythingIntact(User user, List<ReplicaRouter.Replica> replicas) {
    for (ReplicaRouter.Replica replica : replicas) {
      ApiClient api = replica.client();
      assertThat(api.get("/api/me", user.bearer()).status()).as("session of %s on %s", user.username, replica.name())
          .isEqualTo(200);
      assertThat(strings(api.get("/api/cart", user.bearer()).json().get("items")))
          .as("cart of %s on %s", user.username, replica.name()).isEqualTo(user.cart);
      for (Map.Entry<String, byte[]> file : user.files.entrySet()) {
        ApiClient.Reply download = api.get("/api/files/" + file.getKey(), user.bearer());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo(user.fileTypes.get(file.getKey()));
        assertThat(download.bytes()).as("file %s of %s on %s", file.getKey(), user.username, replica.name())
            .isEqualTo(file.getValue());
      }
    }
    // The refresh token still works: no login was lost either.
    ApiClient.Reply refreshed = replicas.get(0).client().postJson("/api/refresh", Map.of("refreshToken", user.refreshToken), null);
    assertThat(refreshed.status()).isEqualTo(200);
    user.refreshToken = refreshed.json().get("refreshToken").asText();
  }

  private void startReplica(String name) {
    AppProcess process = AppProcess.start(name, env);
    processes.put(name, process);
    router.add(name, process.uri());
  }

  private void awaitReady(AppProcess process) {
    ApiClient client = new ApiClient(process.uri());
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
      assertThat(process.isAlive()).as("%s exited:%n%s", process.name(), process.output()).isTrue();
      assertThat(client.get("/healthz/ready", null).status()).isEqualTo(200);
    });
  }

  private static HttpRequest get(ApiClient c, String path, User user) {
    return c.request(path).header("Authorization", user.bearer()).GET().build();
  }

  private static HttpRequest put(ApiClient c, String path, Object body, User user) {
    return c.request(path).header("Authorization", user.bearer()).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.toJson(body))).build();
  }

  private static HttpRequest upload(ApiClient c, byte[] content, String type, User user) {
    return c.request("/api/files").header("Authorization", user.bearer()).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String kid(String token) throws java.io.IOException {
    byte[] header = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
    return ApiClient.JSON.readTree(new String(header, StandardCharsets.UTF_8)).get("kid").asText();
  }
}
