package dev.stateless.operator.monitoring;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The operator's one HTTP port: Prometheus' own exporter serves {@code /metrics}, and the
 * {@link HealthHandler} answers the probes as the exporter's default handler. One port keeps the
 * pod spec, the Service and any NetworkPolicy simple.
 */
public final class MonitoringServer implements AutoCloseable {

  public static final String METRICS_PATH = "/metrics";

  private final HTTPServer server;

  private MonitoringServer(HTTPServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} (0: any free port) on all interfaces. */
  public static MonitoringServer start(int port, PrometheusRegistry registry, OperatorHealth health) throws IOException {
    return new MonitoringServer(HTTPServer.builder()
        .port(port)
        .registry(registry)
        .metricsHandlerPath(METRICS_PATH)
        .defaultHandler(new HealthHandler(health))
        // The exporter's own /-/healthy says only that the HTTP server runs; our probes say more.
        .registerHealthHandler(false)
        .buildAndStart());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
