package dev.stateless.operator.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The requests an API server received, drained from the mock server, with helpers to count writes. */
public final class ApiRequests {

  /** One request: its method and path (without the query). */
  public record Call(String method, String path) {

    public boolean isWrite() {
      return !"GET".equals(method);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private ApiRequests() {}

  /** Takes every request the server has received since the last drain. */
  public static List<Call> drain(KubernetesMockServer server) {
    List<Call> calls = new ArrayList<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        String path = request.getPath();
        int query = path.indexOf('?');
        calls.add(new Call(request.getMethod(), query < 0 ? path : path.substring(0, query)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return calls;
  }

  public static List<Call> writes(KubernetesMockServer server) {
    return drain(server).stream().filter(Call::isWrite).toList();
  }
}
