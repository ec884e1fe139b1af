package dev.stateless.operator.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers the kubelet's probes on the metrics server: {@code /healthz/live} and
 * {@code /healthz/ready}, 200 when healthy and 503 when not, with the reason as plain text.
 * Every other path not served by the exporter itself gets 404.
 */
public final class HealthHandler implements HttpHandler {

  public static final String LIVENESS_PATH = "/healthz/live";
  public static final String READINESS_PATH = "/healthz/ready";

  private final OperatorHealth health;

  public HealthHandler(OperatorHealth health) {
    this.health = health;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "method not allowed");
      } else if (LIVENESS_PATH.equals(path)) {
        respond(exchange, health::liveness);
      } else if (READINESS_PATH.equals(path)) {
        respond(exchange, health::readiness);
      } else {
        respond(exchange, 404, "not found; the operator serves /metrics, " + LIVENESS_PATH + " and " + READINESS_PATH);
      }
    }
  }

  private static void respond(HttpExchange exchange, Supplier<OperatorHealth.Report> probe) throws IOException {
    OperatorHealth.Report report;
    try {
      report = probe.get();
    } catch (RuntimeException e) {
      // A probe that cannot look is a probe that fails; the reason still reaches the kubelet's events.
      report = new OperatorHealth.Report(false, "health check failed: " + e);
    }
    respond(exchange, report.healthy() ? 200 : 503, report.detail());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
