package dev.stateless.operator.backend;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.FakeBackendAccess;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.S3KeyGate;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * The operator with its shipped checks against a real Redis and an S3 server, on the CRUD mock:
 * external backends that work, then fail for each reason, then the app deleted under each
 * deletion policy. Every log line, Event and status written on the way is searched for the
 * passwords and keys involved, generated ones included: none may appear.
 */
@EnableKubernetesMockClient(crud = true)
class RealBackendsEndToEndTest {

  @RegisterExtension
  static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false).build();

  static final String NS = "live";
  static final String REDIS_PASSWORD = "Right9RedisPassword";
  static final String WRONG_REDIS_PASSWORD = "Wrong7RedisPassword";
  static final String ACCESS_KEY = "AKIAAPPKEY";
  static final String SECRET_KEY = "AppSecretKey0123456789";
  static final String WRONG_ACCESS_KEY = "AKIASTRANGER";
  static final String WRONG_SECRET_KEY = "StrangerSecretKey987";

  static RedisServer redis;
  static int redisPort;
  static S3KeyGate gate;

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;
  CapturedLogs logs;
  final List<String> statuses = new ArrayList<>();
  final Map<String, Level> levelsBefore = new java.util.HashMap<>();
  final List<ch.qos.logback.core.Appender<ILoggingEvent>> consoleAppenders = new ArrayList<>();

  @BeforeAll
  static void startBackends() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      redisPort = socket.getLocalPort();
    }
    redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
        .setting("requirepass " + REDIS_PASSWORD).setting("save \"\"").setting("appendonly no").build();
    redis.start();
    gate = new S3KeyGate("http://127.0.0.1:" + S3.getHttpPort(), ACCESS_KEY, "AKIAREADONLY");
  }

  @AfterAll
  static void stopBackends() throws IOException {
    gate.close();
    redis.stop();
  }

  @BeforeEach
  void startOperator() {
    captureLogs();
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client, settings -> settings.withBackendAccess(BackendAccess::real, FakeBackendAccess.FAST));
  }

  @AfterEach
  void stopOperator() {
    operator.close();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    consoleAppenders.forEach(root::addAppender);
    levelsBefore.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  /** Everything the operator logs, at DEBUG for its own code and JOSDK, INFO for the libraries. */
  private void captureLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs = new CapturedLogs();
    logs.setContext(context);
    logs.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // The capture is the only output meanwhile: DEBUG lines would flood the build's console.
    root.iteratorForAppenders().forEachRemaining(consoleAppenders::add);
    consoleAppenders.forEach(root::detachAppender);
    root.addAppender(logs);
    for (Map.Entry<String, Level> level : Map.of(Logger.ROOT_LOGGER_NAME, Level.INFO, "dev.stateless", Level.DEBUG,
        "io.javaoperatorsdk", Level.DEBUG).entrySet()) {
      Logger logger = context.getLogger(level.getKey());
      levelsBefore.put(level.getKey(), logger.getLevel());
      logger.setLevel(level.getValue());
    }
  }

  /** Every log line, with its stack trace if any; safe to read while the operator logs on. */
  static final class CapturedLogs extends ch.qos.logback.core.AppenderBase<ILoggingEvent> {
    final java.util.Queue<String> lines = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
  }

  static String redisUrl(String password) {
    return "redis://:" + password + "@127.0.0.1:" + redisPort;
  }

  StatelessApp externalApp(String name, String bucket, DeletionPolicy policy) {
    StatelessApp app = TestApps.app(NS, name);
    app.getSpec().setRedis(BackendApps.externalRedis(name + "-redis-url"));
    app.getSpec().setObjectStorage(BackendApps.externalStorage(gate.endpoint(), bucket, name + "-s3-keys", policy));
    return app;
  }

  void userSecrets(String name, String redisPassword, String accessKey, String secretKey) {
    client.resource(BackendApps.userSecret(NS, name + "-redis-url", Map.of("url", redisUrl(redisPassword)))).createOr(r -> r.update());
    client.resource(BackendApps.userSecret(NS, name + "-s3-keys", Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey)))
        .createOr(r -> r.update());
  }

  StatelessApp await(String name, java.util.function.Predicate<StatelessApp> condition) {
    StatelessApp app = operator.awaitApp(NS, name, condition);
    statuses.add(client.getKubernetesSerialization().asJson(app.getStatus()));
    return app;
  }

  void createBucket(String bucket, int objects) {
    try (S3Client s3 = S3.createS3ClientV2()) {
      s3.createBucket(r -> r.bucket(bucket));
      for (int i = 0; i < objects; i++) {
        int n = i;
        s3.putObject(r -> r.bucket(bucket).key("uploads/" + n), RequestBody.fromString("file " + n));
      }
    }
  }

  List<String> buckets() {
    try (S3Client s3 = S3.createS3ClientV2()) {
      return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    }
  }

  @Test
  void checksReportEachFailureByReasonAndNoSecretEverAppearsInLogsEventsOrStatus() {
    createBucket("shop-files", 1);
    userSecrets("shop", REDIS_PASSWORD, ACCESS_KEY, SECRET_KEY);
    operator.apply(externalApp("shop", "shop-files", DeletionPolicy.Retain));
    StatelessApp app = await("shop", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE));
    assertThat(OperatorHarness.condition(app, "BackendsReady").orElseThrow().getMessage())
        .isEqualTo("Redis at 127.0.0.1:" + redisPort + " answered PING; bucket shop-files writable at " + gate.endpoint());

    userSecrets("shop", WRONG_REDIS_PASSWORD, ACCESS_KEY, SECRET_KEY);
    app = await("shop", hasCondition("BackendsReady", "False", ProbeResult.REDIS_AUTHENTICATION_FAILED));
    assertThat(OperatorHarness.condition(app, "Ready").orElseThrow().getReason()).isEqualTo("BackendsNotReady");

    userSecrets("shop", REDIS_PASSWORD, WRONG_ACCESS_KEY, WRONG_SECRET_KEY);
    await("shop", hasCondition("BackendsReady", "False", ProbeResult.OBJECT_STORAGE_AUTHENTICATION_FAILED));

    userSecrets("shop", REDIS_PASSWORD, ACCESS_KEY, SECRET_KEY);
    StatelessApp missingBucket = externalApp("shop", "no-such-bucket", DeletionPolicy.Retain);
    StatelessApp current = operator.get(NS, "shop");
    current.getSpec().setObjectStorage(missingBucket.getSpec().getObjectStorage());
    operator.apply(current);
    await("shop", hasCondition("BackendsReady", "False", ProbeResult.BUCKET_MISSING));

    // A managed app too: its generated credentials must stay as secret as the user's. Its
    // in-cluster addresses do not resolve here, so its checks report the servers unreachable.
    operator.apply(BackendApps.managed(NS, "cart"));
    await("cart", hasCondition("BackendsReady", "False", ProbeResult.REDIS_UNREACHABLE));
    operator.awaitIdle();

    List<String> secrets = new ArrayList<>(List.of(REDIS_PASSWORD, WRONG_REDIS_PASSWORD, SECRET_KEY, WRONG_SECRET_KEY, ACCESS_KEY,
        WRONG_ACCESS_KEY));
    Map<String, String> redisBinding = BackendApps.values(client.secrets().inNamespace(NS).withName("cart-redis").get());
    Map<String, String> s3Binding = BackendApps.values(client.secrets().inNamespace(NS).withName("cart-s3").get());
    secrets.addAll(List.of(redisBinding.get("password"), s3Binding.get("access-key-id"), s3Binding.get("secret-access-key")));

    List<String> logLines = List.copyOf(logs.lines);
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
    assertThat(logLines).as("log lines captured").hasSizeGreaterThan(50)
        .anyMatch(line -> line.contains("refused the credentials"))
        .anyMatch(line -> line.contains("refused the keys: InvalidAccessKeyId"));
    assertThat(events).extracting(Event::getReason).contains(ProbeResult.REDIS_AUTHENTICATION_FAILED,
        ProbeResult.OBJECT_STORAGE_AUTHENTICATION_FAILED, ProbeResult.BUCKET_MISSING, ProbeResult.REDIS_UNREACHABLE);
    statuses.add(client.getKubernetesSerialization().asJson(operator.get(NS, "shop").getStatus()));
    statuses.add(client.getKubernetesSerialization().asJson(operator.get(NS, "cart").getStatus()));
    for (String secret : secrets) {
      assertThat(logLines).as("log lines").noneMatch(line -> line.contains(secret));
      assertThat(events).as("events").noneMatch(e -> String.valueOf(e.getMessage()).contains(secret) || e.getReason().contains(secret));
      assertThat(statuses).as("statuses").noneMatch(status -> status.contains(secret));
    }
  }

  @Test
  void deletingTheAppKeepsTheBucketUnderRetainAndEmptiesAndDeletesItUnderDelete() {
    createBucket("kept-files", 3);
    createBucket("doomed-files", 3);
    userSecrets("keep", REDIS_PASSWORD, ACCESS_KEY, SECRET_KEY);
    userSecrets("drop", REDIS_PASSWORD, ACCESS_KEY, SECRET_KEY);
    operator.apply(externalApp("keep", "kept-files", DeletionPolicy.Retain));
    operator.apply(externalApp("drop", "doomed-files", DeletionPolicy.Delete));
    await("keep", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE));
    await("drop", hasCondition("BackendsReady", "True", BackendsVerdict.AVAILABLE));

    client.resources(StatelessApp.class).inNamespace(NS).withName("keep").delete();
    client.resources(StatelessApp.class).inNamespace(NS).withName("drop").delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(NS, "keep") == null && operator.get(NS, "drop") == null);

    assertThat(buckets()).contains("kept-files").doesNotContain("doomed-files");
    try (S3Client s3 = S3.createS3ClientV2()) {
      // A check that was in flight when the app went may still hold its probe object for a moment;
      // it must not stay, and the user's files must all be there.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s3.listObjectsV2(r -> r.bucket("kept-files")).contents()
          .stream().noneMatch(object -> object.key().equals(S3ObjectStorageCheck.PROBE_KEY)));
      assertThat(s3.listObjectsV2(r -> r.bucket("kept-files")).contents()).hasSize(3);
    }
  }
}
