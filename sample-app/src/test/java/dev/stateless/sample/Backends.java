package dev.stateless.sample;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * The backends every test in this JVM shares: one S3 server (S3Mock, in-process, 5-8 s to start,
 * so started once) and Redis servers (real redis-server processes from embedded-redis).
 * Tests keep apart by Redis key prefix and file owner, never by separate servers.
 */
final class Backends {

  static final String BUCKET = "shop-uploads";
  private static S3MockApplication s3;
  private static RedisServer sharedRedis;
  private static int sharedRedisPort;

  private Backends() {
  }

  /** The endpoint of the shared S3 server, started on first use. */
  static synchronized String s3Endpoint() {
    if (s3 == null) {
      Path root = tempDir("s3mock");
      s3 = S3MockApplication.start(new java.util.HashMap<>(Map.of(
          S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
          S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
          S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
          S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
          S3MockApplication.PROP_SECURE_CONNECTION, false,
          S3MockApplication.PROP_SILENT, true)));
      Runtime.getRuntime().addShutdownHook(new Thread(s3::stop));
    }
    return "http://127.0.0.1:" + s3.getHttpPort();
  }

  /** The URL of a Redis shared by the in-process tests, started on first use. */
  static synchronized String sharedRedisUrl() {
    if (sharedRedis == null) {
      sharedRedisPort = freePort();
      sharedRedis = startRedis(sharedRedisPort);
      RedisServer started = sharedRedis;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(started)));
    }
    return "redis://127.0.0.1:" + sharedRedisPort;
  }

  /** A real redis-server on {@code port}, without persistence: a restart starts empty. */
  static RedisServer startRedis(int port) {
    try {
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("dir " + tempDir("redis"))
          .build();
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void stopQuietly(RedisServer server) {
    try {
      server.stop();
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path tempDir(String name) {
    try {
      Path dir = Files.createTempDirectory("sample-app-" + name);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
