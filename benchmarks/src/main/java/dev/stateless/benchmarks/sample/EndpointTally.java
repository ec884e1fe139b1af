package dev.stateless.benchmarks.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One endpoint's measured rounds: all its requests as one result, each round's rate (so the spread
 * between rounds is visible), and the CPU time the app's process spent meanwhile. CPU per request
 * is the figure least disturbed by other work on a shared machine: what a request costs the app,
 * whoever else wants the cores.
 */
public final class EndpointTally {

  private HttpLoad.Result all;
  private long appCpuNanos;
  private long generatorCpuNanos;
  private final List<Double> roundRates = new ArrayList<>();

  public void add(HttpLoad.Result round, Duration appCpu, Duration generatorCpu) {
    all = all == null ? round : all.plus(round);
    appCpuNanos += appCpu.toNanos();
    generatorCpuNanos += generatorCpu.toNanos();
    roundRates.add(round.requestsPerSecond());
  }

  public HttpLoad.Result result() {
    return all;
  }

  /** The app's CPU time (every thread: request handling, GC, JIT) per request answered. */
  public double appCpuUsPerRequest() {
    return appCpuNanos / 1e3 / all.requests();
  }

  /**
   * The load generator's CPU time per request: it shares the cores with the app, so what it spends
   * on a request is part of every rate measured here.
   */
  public double generatorCpuUsPerRequest() {
    return generatorCpuNanos / 1e3 / all.requests();
  }

  /** Each round's rate in requests per second, in the order run. */
  public List<Double> roundRates() {
    return List.copyOf(roundRates);
  }

  /** Each round's rate in requests per second, in the order run, e.g. {@code "9120 9985 10240"}. */
  public String roundRatesText() {
    return roundRates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).collect(Collectors.joining(" "));
  }
}
