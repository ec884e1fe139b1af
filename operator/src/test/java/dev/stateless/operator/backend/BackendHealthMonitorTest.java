package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.operator.monitoring.BackendCheckFailures;
import dev.stateless.operator.testing.FakeBackendAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The checks' scheduling: off the caller's thread, reported on change only, retried on a bounded backoff. */
class BackendHealthMonitorTest {

  static final ResourceID APP = new ResourceID("shop", "ns");

  static Backends backends(String password) {
    Optional<RedisConnection> redis = Optional.of(RedisConnection.managed("shop-redis.ns.svc", 6379, password));
    return new Backends(true, redis, false, Optional.empty(), List.of(), BackendsVerdict.checking());
  }

  @Test
  void theBackoffDoublesAndIsCapped() {
    CheckSchedule schedule = CheckSchedule.standard();
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20)).extracting(schedule::retryAfter).extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void aSlowCheckNeverHoldsTheCallerAndOnlyAChangedVerdictIsAnnounced() throws InterruptedException {
    FakeBackendAccess fake = new FakeBackendAccess();
    CountDownLatch release = new CountDownLatch(1);
    List<ResourceID> announced = new CopyOnWriteArrayList<>();
    var access = new BackendAccess(connection -> {
      fake.redisChecked.add(connection);
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return fake.redis.get();
    }, fake.access().objectStorage(), fake.access().bucketRemoval());
    try (BackendHealthMonitor monitor = new BackendHealthMonitor(access, FakeBackendAccess.FAST)) {
      monitor.onChange(announced::add);

      long start = System.nanoTime();
      assertThat(monitor.verdictFor(APP, backends("pw1"), Optional.empty()).reason()).isEqualTo(BackendsVerdict.CHECKING);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
      release.countDown();
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> announced.size() == 1);
      assertThat(monitor.verdictFor(APP, backends("pw1"), Optional.empty()).ready()).isTrue();

      // Healthy re-checks (every 2 s here) that find the same announce nothing.
      Awaitility.await().atMost(Duration.ofSeconds(6)).until(() -> fake.redisChecked.size() >= 3);
      assertThat(announced).hasSize(1);

      // New credentials: checked afresh, and Checking until then.
      fake.redis.set(ProbeResult.failed(ProbeResult.REDIS_AUTHENTICATION_FAILED, "refused"));
      monitor.verdictFor(APP, backends("pw2"), Optional.empty());
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> announced.size() == 2);
      assertThat(monitor.verdictFor(APP, backends("pw2"), Optional.empty()).reason()).isEqualTo(ProbeResult.REDIS_AUTHENTICATION_FAILED);
      // Failing: retried at 100, 200, 400, 400 ms here, announcing nothing while nothing changes.
      int checks = fake.redisChecked.size();
      Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> fake.redisChecked.size() >= checks + 3);
      assertThat(announced).hasSize(2);

      monitor.forget(APP);
      int afterForget = fake.redisChecked.size();
      Thread.sleep(1000);
      assertThat(fake.redisChecked.size()).isLessThanOrEqualTo(afterForget + 1);
    }
  }

  @Test
  void afterARestartTheVerdictOnRecordStandsUntilTheFirstCheckReports() {
    FakeBackendAccess fake = new FakeBackendAccess();
    try (BackendHealthMonitor monitor = new BackendHealthMonitor(fake.access(), FakeBackendAccess.FAST)) {
      BackendsVerdict onRecord = BackendsVerdict.of(List.of(ProbeResult.ok("Redis answered PING")));
      assertThat(monitor.verdictFor(APP, backends("pw"), Optional.of(onRecord))).isEqualTo(onRecord);
    }
  }

  @Test
  void everyCheckFeedsTheFailureGaugeOfItsBackendAndAForgottenBackendLosesItsSeries() {
    FakeBackendAccess fake = new FakeBackendAccess();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BackendCheckFailures failures = new BackendCheckFailures(registry);
    var storage = new ObjectStorageConnection(ObjectStorageConnection.EXTERNAL_PROVIDER, "https://s3.example.com",
        "us-east-1", "shop", false, "key-id", "secret", false);
    Backends both = new Backends(true, backends("pw").redis(), true, Optional.of(storage), List.of(), BackendsVerdict.checking());
    fake.objectStorage.set(ProbeResult.failed(ProbeResult.OBJECT_STORAGE_UNREACHABLE, "connection refused"));
    try (BackendHealthMonitor monitor = new BackendHealthMonitor(fake.access(), FakeBackendAccess.FAST, failures)) {
      monitor.verdictFor(APP, both, Optional.empty());

      // Failing checks are retried (100, 200, 400 ms here): the gauge counts them; Redis passes.
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> failures.consecutiveFailures("ns", "shop", "object-storage") >= 3);
      assertThat(failures.consecutiveFailures("ns", "shop", "redis")).isZero();
      assertThat(registry.find(BackendCheckFailures.NAME).tag("backend", "redis").gauge()).isNotNull();

      fake.objectStorage.set(ProbeResult.ok("bucket writable"));
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> failures.consecutiveFailures("ns", "shop", "object-storage") == 0);

      // Object storage dropped from the spec: its series goes, Redis's stays.
      monitor.verdictFor(APP, backends("pw"), Optional.empty());
      assertThat(registry.find(BackendCheckFailures.NAME).tag("backend", "object-storage").gauge()).isNull();
      assertThat(registry.find(BackendCheckFailures.NAME).tag("backend", "redis").gauge()).isNotNull();

      monitor.forget(APP);
      assertThat(registry.find(BackendCheckFailures.NAME).gauges()).isEmpty();
    }
  }

  @Test
  void anAppNoLongerManagedIsForgottenAtItsNextCheckWhoeverAskedForIt() {
    FakeBackendAccess fake = new FakeBackendAccess();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicBoolean exists = new AtomicBoolean(true);
    fake.redis.set(ProbeResult.failed(ProbeResult.REDIS_UNREACHABLE, "connection refused"));
    try (BackendHealthMonitor monitor = new BackendHealthMonitor(fake.access(), FakeBackendAccess.FAST,
        new BackendCheckFailures(registry))) {
      monitor.checkOnlyWhile(app -> exists.get());
      monitor.verdictFor(APP, backends("pw"), Optional.empty());
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fake.redisChecked.size() >= 2);

      // Deleted behind the monitor's back (say, a reconcile in flight asked for checks after the
      // deletion forgot the app): the next scheduled run stops, and takes the series with it.
      exists.set(false);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> registry.find(BackendCheckFailures.NAME).gauges().isEmpty());
      int checks = fake.redisChecked.size();
      Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> fake.redisChecked.size() == checks);
    }
  }
}
