package dev.stateless.benchmarks.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * Clients for the benchmark's API server. Each party gets its own User-Agent, because that is how
 * the server's request log tells the operator's writes from the writes the benchmark makes itself.
 */
public final class ApiClients {

  /** The benchmark acting as the user and as the cluster's controllers: its writes are not counted. */
  public static final String HARNESS = "stateless-benchmarks/harness";
  /** The bare client that writes the floor: the least any operator could write. */
  public static final String FLOOR = "stateless-benchmarks/floor";

  private ApiClients() {}

  /**
   * A client for the API server at {@code masterUrl}, with fabric8's defaults otherwise, for the
   * operator and the floor alike. It starts from an empty configuration so no kubeconfig or
   * in-cluster setting on the machine can point it elsewhere.
   */
  public static KubernetesClient connect(String masterUrl, String userAgent) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(masterUrl)
        .withTrustCerts(true)
        .withHttp2Disable(true)
        .withNamespace("default")
        .withUserAgent(userAgent)
        .build();
    // Named, not discovered: with more than one HTTP client on the classpath fabric8 picks one at
    // random, and the operator is meant to run on the JDK's.
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** A client with fabric8's own User-Agent, as the operator has in production. */
  public static KubernetesClient connectAsOperator(String masterUrl) {
    return connect(masterUrl, Config.empty().getUserAgent());
  }
}
