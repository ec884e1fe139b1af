package dev.stateless.sample;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The app's two Redis connections, opened on first use so that the app starts, and reports itself
 * not ready, while Redis is still down. Once open, lettuce reconnects by itself.
 *
 * <p>Commands fail at once while disconnected (instead of queueing until a timeout) so that callers
 * answer 503 quickly; every lettuce failure surfaces as {@link BackendUnavailableException}.
 */
final class Redis implements AutoCloseable {

  static final String NAME = "redis";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration RETRY_CONNECT_AFTER = Duration.ofMillis(250);

  private final RedisURI uri;
  private final ClientResources resources;
  private final RedisClient client;
  private final LazyConnection shared;
  private final LazyConnection tracking;

  Redis(String url) {
    this.uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .protocolVersion(ProtocolVersion.RESP3)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
        .build());
    this.shared = new LazyConnection(client, connection -> { });
    this.tracking = new LazyConnection(client, connection -> { });
  }

  /** Where Redis is and how to log in, for connections lettuce does not manage. */
  RedisURI uri() {
    return uri;
  }

  Duration timeout() {
    return COMMAND_TIMEOUT;
  }

  /** Commands on the connection every component shares (lettuce pipelines concurrent callers). */
  RedisCommands<String, String> commands() {
    return shared.get().sync();
  }

  /**
   * The connection reserved for reads whose keys Redis tracks ({@code CLIENT TRACKING}), so that
   * invalidation messages concern those reads only.
   */
  StatefulRedisConnection<String, String> trackingConnection() {
    return tracking.get();
  }

  /** {@code listener} runs once, when the tracking connection opens, before anyone uses it. */
  void onTrackingConnectionOpened(Consumer<StatefulRedisConnection<String, String>> listener) {
    tracking.onConnect(listener);
  }

  /**
   * A PING on its way, to be awaited with a deadline of its own (readiness cannot wait for the
   * commands' timeout). Sent from a thread of its own, since the first one opens the connection,
   * which may take the whole connect timeout; a probe comes every few seconds, so a thread each is
   * cheap, and none waits behind another's connect.
   */
  CompletableFuture<String> ping() {
    return CompletableFuture.supplyAsync(() -> call(() -> commands().ping()), task -> {
      Thread thread = new Thread(task, "readiness-ping");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Runs {@code call}, turning any lettuce failure into {@link BackendUnavailableException}. */
  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (RedisException e) {
      throw new BackendUnavailableException(NAME, e);
    }
  }

  @Override
  public void close() {
    shared.close();
    tracking.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static final class LazyConnection {
    private final RedisClient client;
    private volatile Consumer<StatefulRedisConnection<String, String>> onConnect;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttemptNanos;

    LazyConnection(RedisClient client, Consumer<StatefulRedisConnection<String, String>> onConnect) {
      this.client = client;
      this.onConnect = onConnect;
    }

    synchronized void onConnect(Consumer<StatefulRedisConnection<String, String>> callback) {
      if (connection != null) {
        throw new IllegalStateException("already connected");
      }
      this.onConnect = callback;
    }

    StatefulRedisConnection<String, String> get() {
      StatefulRedisConnection<String, String> open = connection;
      return open != null ? open : connect();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
      if (connection != null) {
        return connection;
      }
      if (System.nanoTime() < nextAttemptNanos) {
        throw new BackendUnavailableException(NAME, null); // recently failed: spare Redis a connect storm
      }
      try {
        StatefulRedisConnection<String, String> opened = client.connect();
        onConnect.accept(opened);
        connection = opened;
        return opened;
      } catch (RedisException e) {
        nextAttemptNanos = System.nanoTime() + RETRY_CONNECT_AFTER.toNanos();
        throw new BackendUnavailableException(NAME, e);
      }
    }

    synchronized void close() {
      if (connection != null) {
        connection.close();
      }
    }
  }
}
