package dev.stateless.operator.backend;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PING through lettuce with the credentials the app gets. One connection per check, closed right
 * after; the event loop threads are shared by all checks. No reconnects and no retries: the
 * monitor decides when to look again.
 */
public final class LettuceRedisCheck implements RedisCheck, AutoCloseable {

  private final Duration timeout;
  private final ClientResources resources = DefaultClientResources.builder()
      .ioThreadPoolSize(1)
      .computationThreadPoolSize(1)
      .build();

  /** @param timeout for connecting, and again for each command (the handshake, then PING) */
  public LettuceRedisCheck(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public ProbeResult check(RedisConnection redis) {
    String where = "Redis at " + redis.host() + ":" + redis.port();
    RedisClient client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(false)
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
    // Hard deadlines on top of the client's own timeouts: the check must report in bounded time
    // whatever the network does (connect and handshake, then PING).
    try (StatefulRedisConnection<String, String> connection = client.connectAsync(StringCodec.UTF8, uri(redis))
        .get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      String reply = connection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return "PONG".equalsIgnoreCase(reply)
          ? ProbeResult.ok(where + " answered PING")
          : ProbeResult.failed(ProbeResult.REDIS_UNREACHABLE, where + " answered PING with something other than PONG");
    } catch (ExecutionException e) {
      return classify(where, e.getCause() == null ? e : e.getCause(), redis);
    } catch (TimeoutException e) {
      return ProbeResult.failed(ProbeResult.REDIS_UNREACHABLE, where + " is unreachable: no answer within "
          + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failed(ProbeResult.REDIS_UNREACHABLE, where + " was not checked: the operator is stopping");
    } catch (RedisException e) {
      return classify(where, e, redis);
    } finally {
      // Not waited for: closing the client's channels must not stretch the check.
      client.shutdownAsync(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private RedisURI uri(RedisConnection redis) {
    RedisURI.Builder uri = RedisURI.builder()
        .withHost(redis.host())
        .withPort(redis.port())
        .withSsl(redis.tls())
        .withTimeout(timeout);
    if (redis.password() != null && !redis.password().isEmpty()) {
      if (redis.username() != null) {
        uri.withAuthentication(redis.username(), redis.password());
      } else {
        uri.withPassword(redis.password().toCharArray());
      }
    }
    return uri.build();
  }

  private static ProbeResult classify(String where, Throwable error, RedisConnection redis) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      String upper = message.toUpperCase(Locale.ROOT);
      // Redis's replies when the password (or user) is wrong, or missing, or sent to a server without one.
      if (upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH") || upper.contains("INVALID PASSWORD")
          || upper.contains("INVALID USERNAME-PASSWORD") || upper.startsWith("ERR AUTH")) {
        return ProbeResult.failed(ProbeResult.REDIS_AUTHENTICATION_FAILED,
            where + " refused the credentials: " + Scrubbed.message(cause, redis.password(), redis.uri()));
      }
    }
    return ProbeResult.failed(ProbeResult.REDIS_UNREACHABLE,
        where + " is unreachable: " + Scrubbed.message(Scrubbed.rootCause(error), redis.password(), redis.uri()));
  }

  @Override
  public void close() {
    resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
