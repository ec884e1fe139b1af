package dev.stateless.operator.testing;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** StatelessApps for tests, and the committed CRD. */
public final class TestApps {

  public static final Path CRD = Path.of("../crds/statelessapps.stateless.dev-v1.yml");

  private TestApps() {}

  public static StatelessApp app(String namespace, String name) {
    StatelessApp app = new StatelessApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withGeneration(1L).build());
    StatelessAppSpec spec = new StatelessAppSpec();
    spec.setImage("registry.example.com/shop:1.4.2");
    app.setSpec(spec);
    return app;
  }

  public static void installCrd(KubernetesClient client) {
    try (InputStream in = Files.newInputStream(CRD)) {
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD, e);
    }
  }
}
