package dev.stateless.benchmarks.sample;

import dev.stateless.benchmarks.report.Percentiles;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP load: a fixed number of connections, each sending its next request as soon as
 * the last one is answered. Every request is timed; only those that start and end inside the
 * measured window count.
 */
public final class HttpLoad implements AutoCloseable {

  /** What one endpoint did in the measured windows. */
  public record Result(String name, long requests, long failures, double seconds, double[] latenciesMs) {

    public double requestsPerSecond() {
      return requests / seconds;
    }

    public double p99Ms() {
      return percentile(99);
    }

    public double p50Ms() {
      return percentile(50);
    }

    private double percentile(double percent) {
      return new Percentiles(Arrays.stream(latenciesMs).boxed().toList()).at(percent);
    }

    /** This result and another of the same endpoint, as if measured in one window. */
    public Result plus(Result other) {
      double[] both = Arrays.copyOf(latenciesMs, latenciesMs.length + other.latenciesMs.length);
      System.arraycopy(other.latenciesMs, 0, both, latenciesMs.length, other.latenciesMs.length);
      return new Result(name, requests + other.requests, failures + other.failures, seconds + other.seconds, both);
    }
  }

  private final HttpClient http;
  private final ExecutorService connections;
  private final int connectionCount;

  public HttpLoad(int connectionCount) {
    this.connectionCount = connectionCount;
    this.connections = Executors.newFixedThreadPool(connectionCount);
    // HTTP/1.1 with keep-alive: each sending thread holds one pooled connection, as a proxy would.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public int connections() {
    return connectionCount;
  }

  /**
   * Sends {@code requests.get(i)} over and over on connection {@code i} for {@code window},
   * and returns what was measured. A request answered with anything but 200 is a failure.
   */
  public Result run(String name, List<HttpRequest> requests, Duration window) throws Exception {
    if (requests.size() != connectionCount) {
      throw new IllegalArgumentException("one request per connection");
    }
    long start = System.nanoTime();
    long end = start + window.toNanos();
    List<Future<Samples>> sent = new ArrayList<>();
    for (HttpRequest request : requests) {
      sent.add(connections.submit(() -> sendUntil(request, end)));
    }
    Samples all = new Samples();
    for (Future<Samples> samples : sent) {
      all.addAll(samples.get());
    }
    return new Result(name, all.size, all.failures, window.toNanos() / 1e9, all.latenciesMs());
  }

  private Samples sendUntil(HttpRequest request, long end) {
    Samples samples = new Samples();
    while (true) {
      long sentAt = System.nanoTime();
      if (sentAt >= end) {
        return samples;
      }
      boolean ok;
      try {
        ok = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
      } catch (IOException e) {
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return samples;
      }
      long answeredAt = System.nanoTime();
      if (answeredAt <= end) {
        samples.add(answeredAt - sentAt, ok);
      }
    }
  }

  /** Latencies of one connection, in a growable primitive array: no boxing on the sending path. */
  private static final class Samples {
    private long[] nanos = new long[4096];
    private int size;
    private long failures;

    void add(long latencyNanos, boolean ok) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = latencyNanos;
      if (!ok) {
        failures++;
      }
    }

    void addAll(Samples other) {
      for (int i = 0; i < other.size; i++) {
        add(other.nanos[i], true);
      }
      failures += other.failures;
    }

    double[] latenciesMs() {
      return Arrays.stream(nanos, 0, size).mapToDouble(n -> n / 1e6).toArray();
    }
  }

  @Override
  public void close() {
    connections.shutdownNow();
  }
}
