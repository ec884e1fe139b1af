package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.render.AppRenderer;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code render} shows of the backends: every object, and not one secret value. */
class BackendRenderTest {

  @Test
  void managedBackendsAreRenderedWithTheirSecretsAsPlaceholders() {
    StatelessApp app = BackendApps.managed("ns", "shop");
    List<HasMetadata> objects = new AppRenderer().render(app);

    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).contains(
        "Secret shop-redis-credentials", "Deployment shop-redis", "Service shop-redis", "Secret shop-redis",
        "Secret shop-s3-credentials", "PersistentVolumeClaim shop-s3", "Deployment shop-s3", "Service shop-s3", "Secret shop-s3");
    for (HasMetadata object : objects) {
      if (object instanceof Secret secret) {
        assertThat(secret.getData()).as(secret.getMetadata().getName()).isNull();
        assertThat(secret.getStringData().values()).as(secret.getMetadata().getName()).containsOnly(AppRenderer.REDACTED);
      }
    }
    assertThat(objects).filteredOn(o -> o.getMetadata().getName().equals("shop-redis") && o instanceof Secret)
        .singleElement().satisfies(s -> assertThat(((Secret) s).getType()).isEqualTo("servicebinding.io/redis"));
  }

  @Test
  void externalBackendsAreRenderedAsBindingsOnlyAndTheirSecretsAreNotRead() {
    StatelessApp app = TestApps.app("ns", "shop");
    app.getSpec().setRedis(BackendApps.externalRedis("prod-redis"));
    List<HasMetadata> objects = new AppRenderer().render(app);
    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .contains("Secret shop-redis")
        .doesNotContain("Deployment shop-redis", "Secret shop-redis-credentials");
    String yaml = new KubernetesSerialization().asYaml(objects);
    assertThat(yaml).contains("REDIS_URL").contains(AppRenderer.REDACTED);
  }
}
