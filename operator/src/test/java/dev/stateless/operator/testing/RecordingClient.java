package dev.stateless.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.function.Consumer;

/**
 * A client for the operator under test that records each request it sends (watches included) in
 * the {@link ApiAccessLog}. The operator gets a client of its own, so what the tests themselves do
 * to the API server (creating apps, playing the Deployment controller) is not taken for the
 * operator's needs, and nothing a test drains from the mock server is lost to the record.
 */
public final class RecordingClient {

  private RecordingClient() {}

  /** A client to the same API server as {@code base}; {@code operatorNamespace} is where the operator's Lease lives, if any. */
  public static KubernetesClient of(KubernetesClient base, String operatorNamespace) {
    return of(base, operatorNamespace, access -> { });
  }

  /** As {@link #of(KubernetesClient, String)}, also handing each request to {@code observer}. */
  public static KubernetesClient of(KubernetesClient base, String operatorNamespace, Consumer<ApiAccess> observer) {
    Interceptor recorder = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        ApiAccess access = ApiAccess.of(request.method(), request.uri(), operatorNamespace);
        ApiAccessLog.record(access);
        observer.accept(access);
      }
    };
    return new KubernetesClientBuilder()
        .withConfig(base.getConfiguration())
        // The JDK client, as in production; the mock server brings a second one onto the test classpath.
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("api-access-log", recorder))
        .build();
  }
}
