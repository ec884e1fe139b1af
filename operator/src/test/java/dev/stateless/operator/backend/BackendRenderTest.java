package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.ObjectStorageSpec;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.render.AppRenderer;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

  /** AWS S3 itself: virtual-hosted addressing, so the app is told not to force path style. */
  @Test
  void externalObjectStorageWithoutPathStyleIsInjectedAsSuch() {
    StatelessApp app = TestApps.app("ns", "shop");
    ObjectStorageSpec storage = BackendApps.externalStorage("https://s3.eu-west-1.amazonaws.com", "shop-uploads", "aws-s3", DeletionPolicy.Retain);
    storage.setForcePathStyle(false);
    app.getSpec().setObjectStorage(storage);

    Map<String, EnvVar> env = new AppRenderer().render(app).stream()
        .filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("shop")).map(Deployment.class::cast)
        .findFirst().orElseThrow()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, variable -> variable));

    assertThat(env.get("S3_FORCE_PATH_STYLE").getValue()).isEqualTo("false");
    assertThat(env.get("AWS_ENDPOINT_URL_S3").getValue()).isEqualTo("https://s3.eu-west-1.amazonaws.com");
    assertThat(env.get("S3_BUCKET").getValue()).isEqualTo("shop-uploads");
    assertThat(env.get("AWS_REGION").getValue()).isEqualTo("eu-west-1");
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
