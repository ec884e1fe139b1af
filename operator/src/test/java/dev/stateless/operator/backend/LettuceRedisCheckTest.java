package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The Redis check against a real redis-server: the right password, a wrong one, and nothing listening. */
class LettuceRedisCheckTest {

  static final String PASSWORD = "Xy7secretRedisPassword";
  static RedisServer redis;
  static int port;
  static LettuceRedisCheck check = new LettuceRedisCheck(BackendAccess.ATTEMPT_TIMEOUT);

  @BeforeAll
  static void startRedis() throws IOException {
    port = freePort();
    redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
        .setting("requirepass " + PASSWORD).setting("save \"\"").setting("appendonly no").build();
    redis.start();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.stop();
    check.close();
  }

  @Test
  void theRightPasswordGetsAPong() {
    ProbeResult result = check.check(RedisConnection.managed("127.0.0.1", port, PASSWORD));
    assertThat(result.ok()).isTrue();
    assertThat(result.message()).isEqualTo("Redis at 127.0.0.1:" + port + " answered PING");
  }

  @Test
  void aUrlFromAUsersSecretIsCheckedAsTheAppWouldUseIt() {
    ProbeResult result = check.check(RedisConnection.fromUrl("redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0").orElseThrow());
    assertThat(result.ok()).isTrue();
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatDoesNotRepeatThePassword() {
    ProbeResult result = check.check(RedisConnection.managed("127.0.0.1", port, "wrong-Password-123"));
    assertThat(result.reason()).isEqualTo(ProbeResult.REDIS_AUTHENTICATION_FAILED);
    assertThat(result.message()).startsWith("Redis at 127.0.0.1:" + port + " refused the credentials")
        .doesNotContain("wrong-Password-123").doesNotContain(PASSWORD);
  }

  @Test
  void noPasswordAtAllIsAnAuthenticationFailure() {
    ProbeResult result = check.check(RedisConnection.fromUrl("redis://127.0.0.1:" + port).orElseThrow());
    assertThat(result.reason()).as(result.message()).isEqualTo(ProbeResult.REDIS_AUTHENTICATION_FAILED);
  }

  @Test
  void nothingListeningIsUnreachableWithinTheTimeout() throws IOException {
    int closed = freePort();
    long start = System.nanoTime();
    ProbeResult result = check.check(RedisConnection.managed("127.0.0.1", closed, PASSWORD));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.reason()).isEqualTo(ProbeResult.REDIS_UNREACHABLE);
    assertThat(result.message()).startsWith("Redis at 127.0.0.1:" + closed + " is unreachable").doesNotContain(PASSWORD);
    assertThat(took).isLessThan(BackendAccess.ATTEMPT_TIMEOUT.multipliedBy(2));
  }

  @Test
  void anAddressThatNeverAnswersGivesUpAfterTheConnectTimeout() {
    // A non-routable address (TEST-NET-1, RFC 5737): the connection attempt hangs until the timeout.
    long start = System.nanoTime();
    ProbeResult result = check.check(RedisConnection.managed("192.0.2.1", 6379, PASSWORD));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.reason()).isEqualTo(ProbeResult.REDIS_UNREACHABLE);
    // At worst: connect and handshake within twice the timeout, then PING within the timeout.
    assertThat(took).isLessThan(BackendAccess.ATTEMPT_TIMEOUT.multipliedBy(3).plusMillis(500));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
