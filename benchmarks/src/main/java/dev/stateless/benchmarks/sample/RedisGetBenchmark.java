package dev.stateless.benchmarks.sample;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Redis GET round trip on loopback with lettuce over RESP3, as the app's server-side session
 * lookup makes it: what a request pays when the answer is not held locally.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisGetBenchmark {

  private static final String KEY = "bench:shop:session:0123456789abcdef";

  private LocalRedis redis;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> commands;

  @Setup(Level.Trial)
  public void connect() {
    redis = LocalRedis.start();
    client = RedisClient.create(redis.url());
    client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
    connection = client.connect();
    commands = connection.sync();
    commands.set(KEY, "family-0001 user-0001");
  }

  @Benchmark
  public String get() {
    return commands.get(KEY);
  }

  @TearDown(Level.Trial)
  public void disconnect() {
    connection.close();
    client.shutdown();
    redis.close();
  }
}
