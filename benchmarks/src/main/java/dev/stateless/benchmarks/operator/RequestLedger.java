package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The write requests the API server received, by who sent them. A write is any request whose
 * method is not GET (POST, PUT, PATCH, DELETE); the sender is told by its User-Agent.
 */
public final class RequestLedger {

  /** One write as the server saw it. */
  public record Write(String userAgent, String method, String path) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final KubernetesMockServer server;

  public RequestLedger(KubernetesMockServer server) {
    this.server = server;
  }

  /** Takes every request received since the last call and returns the writes among them. */
  public List<Write> takeWrites() {
    List<Write> writes = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
        if (!"GET".equals(request.getMethod())) {
          String path = request.getPath();
          int query = path.indexOf('?');
          writes.add(new Write(String.valueOf(request.getHeader("User-Agent")), request.getMethod(),
              query < 0 ? path : path.substring(0, query)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return writes;
  }

  /** The writes not sent by the benchmark's own clients: the operator's. */
  public static List<Write> operatorWrites(List<Write> writes) {
    return writes.stream()
        .filter(w -> !ApiClients.HARNESS.equals(w.userAgent()) && !ApiClients.FLOOR.equals(w.userAgent()))
        .toList();
  }

  public static List<Write> writesBy(List<Write> writes, String userAgent) {
    return writes.stream().filter(w -> userAgent.equals(w.userAgent())).toList();
  }

  /** "PATCH .../status" style summary with counts, for the human part of the output. */
  public static Map<String, Integer> byKind(List<Write> writes) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Write write : writes) {
      counts.merge(write.method() + " " + kindOf(write.path()), 1, Integer::sum);
    }
    return counts;
  }

  /** The resource plural of a path, plus "/status" for status writes; names and namespaces dropped. */
  private static String kindOf(String path) {
    String[] parts = path.split("/");
    boolean status = path.endsWith("/status");
    int namespaces = List.of(parts).indexOf("namespaces");
    String plural = namespaces >= 0 && parts.length > namespaces + 2 ? parts[namespaces + 2] : parts[parts.length - 1];
    return status ? plural + "/status" : plural;
  }
}
