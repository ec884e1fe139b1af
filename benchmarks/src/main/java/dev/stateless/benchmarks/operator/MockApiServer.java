package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 CRUD mock API server the operator's tests use, over plain HTTP on loopback, with the
 * StatelessApp CRD installed. It stores what it is sent and serves watches, but runs no controllers.
 */
public final class MockApiServer implements AutoCloseable {

  /** The CRD as the api module generated it; it travels on the classpath inside that module's jar. */
  private static final String CRD_RESOURCE = "META-INF/fabric8/statelessapps.stateless.dev-v1.yml";

  /**
   * The mock logs every request at INFO through java.util.logging: thousands of lines, and time
   * spent on the server's side of every request. Held here so the level is not garbage collected.
   */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final RequestLedger ledger;

  private MockApiServer(KubernetesMockServer server) {
    this.server = server;
    this.ledger = new RequestLedger(server);
  }

  public static MockApiServer start() {
    MOCK_LOG.setLevel(Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    MockApiServer api = new MockApiServer(server);
    try (KubernetesClient client = api.client(ApiClients.HARNESS)) {
      installCrd(client);
    }
    return api;
  }

  private static void installCrd(KubernetesClient client) {
    try (InputStream in = MockApiServer.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is not on the classpath; build the api module first");
      }
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD_RESOURCE, e);
    }
  }

  public String url() {
    return server.url("/");
  }

  public KubernetesClient client(String userAgent) {
    return ApiClients.connect(url(), userAgent);
  }

  public RequestLedger ledger() {
    return ledger;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
