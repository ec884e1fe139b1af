package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The push-invalidated view of key existence that the revocation check relies on. */
class TrackedKeysTest {

  @Test
  void answersRepeatedQuestionsLocallyIncludingForAbsentKeys() {
    try (Redis redis = new Redis(Backends.sharedRedisUrl())) {
      TrackedKeys view = new TrackedKeys(redis);
      String key = "tracked-test:" + UUID.randomUUID();
      assertThat(view.exists(key)).isFalse();
      long reads = view.redisReads();
      for (int i = 0; i < 100; i++) {
        assertThat(view.exists(key)).isFalse();
      }
      assertThat(view.redisReads()).isEqualTo(reads);
      assertThat(view.localAnswers()).isGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void aWriteByAnotherClientReachesTheViewWithinMilliseconds() {
    try (Redis reader = new Redis(Backends.sharedRedisUrl()); Redis writer = new Redis(Backends.sharedRedisUrl())) {
      TrackedKeys view = new TrackedKeys(reader);
      for (int i = 0; i < 20; i++) {
        String key = "tracked-test:" + UUID.randomUUID();
        assertThat(view.exists(key)).isFalse();
        assertThat(view.exists(key)).isFalse(); // now a local answer
        writer.commands().set(key, "1");
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> view.exists(key));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        writer.commands().del(key);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> !view.exists(key));
      }
    }
  }

  @Test
  void worksWithAPasswordProtectedRedisAndSeesOtherWritesBeforeTheNextQuestion() throws Exception {
    int port = Backends.freePort();
    RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
        .setting("requirepass s3cret-pw").setting("save \"\"").build();
    server.start();
    String url = "redis://:s3cret-pw@127.0.0.1:" + port;
    try (Redis reader = new Redis(url); Redis writer = new Redis(url)) {
      TrackedKeys view = new TrackedKeys(reader);
      for (int i = 0; i < 200; i++) {
        String key = "tracked-test:" + UUID.randomUUID();
        assertThat(view.exists(key)).isFalse();
        assertThat(view.exists(key)).isFalse();
        writer.commands().set(key, "1");
        writer.commands().ping(); // the invalidation has left Redis once a later reply arrives
        assertThat(view.exists(key)).as("no wait: the invalidation is applied before answering").isTrue();
      }
      assertThat(view.localAnswers()).isGreaterThanOrEqualTo(200);
      view.close();
    } finally {
      Backends.stopQuietly(server);
    }
  }

  @Test
  void forgetsEverythingWhenRedisGoesAwayAndTracksAgainWhenItIsBack() {
    int port = Backends.freePort();
    RedisServer server = Backends.startRedis(port);
    try (Redis redis = new Redis("redis://127.0.0.1:" + port); Redis writer = new Redis("redis://127.0.0.1:" + port)) {
      TrackedKeys view = new TrackedKeys(redis);
      String key = "tracked-test:" + UUID.randomUUID();
      assertThat(view.exists(key)).isFalse();
      assertThat(view.size()).isEqualTo(1);

      Backends.stopQuietly(server);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThatThrownBy(() -> view.exists(key)).isInstanceOf(BackendUnavailableException.class));
      assertThat(view.size()).isZero();

      server = Backends.startRedis(port);
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> !view.exists(key));
      // Written while the view was away would have been missed; so it must ask again, then track.
      writer.commands().set(key, "1");
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> view.exists(key));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        long reads = view.redisReads();
        assertThat(view.exists(key)).isTrue();
        assertThat(view.redisReads()).as("answered locally again").isEqualTo(reads);
      });
    } finally {
      Backends.stopQuietly(server);
    }
  }

  /**
   * A link that dies without a reset: the invalidation never arrives and reads never return. Past
   * the trust window the view stops answering from its copy and asks Redis, which fails (503)
   * instead of answering with what it last knew.
   */
  @Test
  void aLinkThatDiesSilentlyStopsVouchingForLocalAnswers() throws Exception {
    int redisPort = URI.create(Backends.sharedRedisUrl()).getPort();
    try (SilentProxy proxy = new SilentProxy(redisPort);
         Redis reader = new Redis("redis://127.0.0.1:" + proxy.port());
         Redis writer = new Redis(Backends.sharedRedisUrl())) {
      TrackedKeys view = new TrackedKeys(reader);
      String key = "tracked-test:" + UUID.randomUUID();
      assertThat(view.exists(key)).isFalse();
      long reads = view.redisReads();
      assertThat(view.exists(key)).isFalse();
      assertThat(view.redisReads()).as("answered locally").isEqualTo(reads);

      proxy.freeze();
      writer.commands().set(key, "1");
      Thread.sleep(Duration.ofNanos(InvalidationStream.TRUST_NANOS).toMillis() + 200);

      assertThatThrownBy(() -> view.exists(key)).isInstanceOf(BackendUnavailableException.class);
      view.close();
    }
  }

  /** Quiet but alive: the first question after a pause goes to Redis while a PING proves the link, then answers are local again. */
  @Test
  void aQuietLinkIsProvenByAPingAndAnswersLocallyAgain() throws Exception {
    try (Redis redis = new Redis(Backends.sharedRedisUrl())) {
      TrackedKeys view = new TrackedKeys(redis);
      String key = "tracked-test:" + UUID.randomUUID();
      assertThat(view.exists(key)).isFalse();
      Thread.sleep(Duration.ofNanos(InvalidationStream.TRUST_NANOS).toMillis() + 200);

      long reads = view.redisReads();
      assertThat(view.exists(key)).isFalse();
      assertThat(view.redisReads()).as("not vouched for after the pause: asked Redis").isEqualTo(reads + 1);
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
        long before = view.redisReads();
        assertThat(view.exists(key)).isFalse();
        assertThat(view.redisReads()).as("the PING's answer vouches again").isEqualTo(before);
      });
      view.close();
    }
  }

  /** A check that cannot answer locally (here the first, then one after a quiet spell) costs one round trip, whatever the number of keys. */
  @Test
  void keysNotAnsweredLocallyAreReadInOneRoundTrip() throws Exception {
    int port = Backends.freePort();
    RedisServer server = Backends.startRedis(port);
    try (Redis redis = new Redis("redis://127.0.0.1:" + port); Redis inspector = new Redis("redis://127.0.0.1:" + port)) {
      TrackedKeys view = new TrackedKeys(redis);
      inspector.commands().set("tracked-test:present", "1");
      String[] keys = {"tracked-test:" + UUID.randomUUID(), "tracked-test:present", "tracked-test:" + UUID.randomUUID()};

      assertThat(view.existing(keys)).isEqualTo(0b010);
      assertThat(calls(inspector, "mget")).isEqualTo(1);
      assertThat(calls(inspector, "get")).isZero();
      Thread.sleep(Duration.ofNanos(InvalidationStream.TRUST_NANOS).toMillis() + 200);
      assertThat(view.existing(keys)).isEqualTo(0b010);
      assertThat(calls(inspector, "mget")).isEqualTo(2);
      assertThat(calls(inspector, "get")).isZero();
      view.close();
    } finally {
      server.stop();
    }
  }

  /** How many times Redis has run {@code command}, from INFO commandstats. */
  private static long calls(Redis redis, String command) {
    return redis.commands().info("commandstats").lines()
        .filter(line -> line.startsWith("cmdstat_" + command + ":"))
        .map(line -> line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"))
        .mapToLong(Long::parseLong)
        .findFirst().orElse(0);
  }

  /** What the checking threads ask about: a key, and whether its write is known to have left Redis. */
  private record Round(String key, boolean written) {}

  @Test
  void noCheckThatStartsAfterAWriteHasLeftRedisAnswersFromTheOldCopyWhileManyThreadsCheck() throws Exception {
    try (Redis reader = new Redis(Backends.sharedRedisUrl()); Redis writer = new Redis(Backends.sharedRedisUrl());
        TrackedKeys view = new TrackedKeys(reader)) {
      String other = "tracked-test:" + UUID.randomUUID(); // never written: asked first, like a token id
      int threads = 8;
      LongAdder checks = new LongAdder();
      LongAdder staleChecks = new LongAdder();
      ConcurrentLinkedQueue<String> missed = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Round> current = new AtomicReference<>(new Round("tracked-test:" + UUID.randomUUID(), false));
      List<Thread> checkers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread checker = new Thread(() -> {
          while (!stop.get()) {
            Round round = current.get(); // taken before the check starts
            boolean exists = view.existing(other, round.key()) != 0;
            if (round.written() && !exists) {
              missed.add(round.key());
            }
            if (!round.written()) {
              staleChecks.increment();
            }
            checks.increment();
          }
        });
        checker.start();
        checkers.add(checker);
      }
      try {
        for (int i = 0; i < 300; i++) {
          String key = "tracked-test:" + UUID.randomUUID();
          assertThat(view.exists(key)).isFalse(); // now held locally, as "absent"
          current.set(new Round(key, false));
          long before = checks.sum(); // the checkers answer "absent" from the local copy meanwhile
          await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
              .until(() -> checks.sum() >= before + threads);
          writer.commands().set(key, "1");
          writer.commands().ping(); // the invalidation has left Redis: like a logout's barrier
          current.set(new Round(key, true));
          long after = checks.sum();
          await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
              .until(() -> checks.sum() >= after + 2L * threads);
        }
      } finally {
        stop.set(true);
        for (Thread checker : checkers) {
          checker.join(10_000);
        }
      }
      assertThat(missed).as("checks that began after the write had left Redis, answered from the old copy").isEmpty();
      assertThat(staleChecks.sum()).isGreaterThan(300L * threads / 2);
      assertThat(view.localAnswers()).as("answered locally, not by asking Redis").isGreaterThan(view.redisReads());
    }
  }
}
