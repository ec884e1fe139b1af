package dev.stateless.operator.reconciler;

import static dev.stateless.operator.testing.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.JwtSpec;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.testing.ApiRequests.Call;
import dev.stateless.operator.testing.OperatorHarness;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jsonwebtoken.security.Jwks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signing key Secret on the CRUD mock: published, mounted, rotated on time, never discarded. */
@EnableKubernetesMockClient(crud = true)
class SigningKeysReconcileTest {

  static final String NS = "keys";

  KubernetesMockServer server;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void startOperator() {
    TestApps.installCrd(client);
    operator = new OperatorHarness(server, client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  static StatelessApp appWithKeys(String rotationPeriod, String tokenTTL) {
    StatelessApp app = TestApps.app(NS, "shop");
    JwtSpec jwt = new JwtSpec();
    jwt.setAlgorithm(JwtAlgorithm.ES256);
    jwt.setRotationPeriod(rotationPeriod);
    jwt.setTokenTTL(tokenTTL);
    app.getSpec().setJwt(jwt);
    return app;
  }

  @Test
  void publishesTheKeySetMountsItAndWritesNothingBetweenRotations() {
    operator.forgetRequests();
    operator.apply(appWithKeys("720h", "15m"));
    StatelessApp app = operator.awaitApp(NS, "shop", a -> a.getStatus() != null && a.getStatus().getJwt() != null);
    operator.awaitIdle();

    assertThat(operator.writes()).extracting(Call::toString).contains(
        "POST /api/v1/namespaces/keys/secrets",
        "PUT /apis/stateless.dev/v1alpha1/namespaces/keys/statelessapps/shop/status");
    Secret secret = client.secrets().inNamespace(NS).withName("shop-jwt").get();
    var keys = Jwks.setParser().build().parse(jwks(secret));
    assertThat(keys.getKeys()).singleElement().satisfies(key -> assertThat(key.getId()).isEqualTo(app.getStatus().getJwt().getActiveKeyId()));
    assertThat(app.getStatus().getJwt().getNextRotation()).endsWith("Z");

    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("shop").get();
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getEnv()).contains(new EnvVar("JWT_JWKS_FILE", "/var/run/stateless.dev/jwt/jwks.json", null));
    assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
      assertThat(mount.getMountPath()).isEqualTo("/var/run/stateless.dev/jwt");
      assertThat(mount.getReadOnly()).isTrue();
    });
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("shop-jwt"));

    operator.close();
    operator = new OperatorHarness(server, client);
    Awaitility.await().until(() -> operator.reconcilesFinished() >= 1);
    operator.awaitIdle();
    assertThat(operator.writes()).as("a restart over the same Secret changes nothing").isEmpty();
  }

  @Test
  void rotatesWhenThePeriodHasPassedWithoutAnyOtherEvent() {
    operator.apply(appWithKeys("2s", "1s"));
    String first = operator.awaitApp(NS, "shop", a -> a.getStatus() != null && a.getStatus().getJwt() != null)
        .getStatus().getJwt().getActiveKeyId();

    StatelessApp rotated = Awaitility.await().atMost(Duration.ofSeconds(15))
        .until(() -> operator.get(NS, "shop"), a -> !first.equals(a.getStatus().getJwt().getActiveKeyId()));

    var keys = Jwks.setParser().build().parse(jwks(client.secrets().inNamespace(NS).withName("shop-jwt").get()));
    assertThat(keys.getKeys()).extracting(k -> k.getId()).contains(rotated.getStatus().getJwt().getActiveKeyId());
  }

  /**
   * A 10s period publishes each next key 5s ahead (half the period): t+5s publication, t+10s
   * promotion, t+15s the next publication.
   */
  @Test
  void publishesTheNextKeyAheadAndPromotesItWithExactlyTwoWritesEachAndNoneBetween() {
    operator.apply(appWithKeys("10s", "1h"));
    StatelessApp created = operator.awaitApp(NS, "shop", a -> a.getStatus() != null && a.getStatus().getJwt() != null);
    String firstKid = created.getStatus().getJwt().getActiveKeyId();
    String dueAt = created.getStatus().getJwt().getNextRotation();
    operator.awaitIdle();
    operator.forgetRequests();

    Secret upcoming = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> client.secrets().inNamespace(NS).withName("shop-jwt-next").get(), s -> s != null);
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).as("publication").containsExactlyInAnyOrder(
        "PUT /api/v1/namespaces/keys/secrets/shop-jwt",
        "POST /api/v1/namespaces/keys/secrets");
    var published = Jwks.setParser().build().parse(jwks(client.secrets().inNamespace(NS).withName("shop-jwt").get()));
    String upcomingKid = Jwks.parser().build().parse(value(upcoming, "jwk.json")).getId();
    assertThat(published.getKeys()).extracting(k -> k.getId()).containsExactlyInAnyOrder(firstKid, upcomingKid);
    assertThat(upcoming.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "stateless-operator");
    assertThat(upcoming.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("shop"));
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("shop").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .noneSatisfy(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("shop-jwt-next"));
    assertThat(operator.get(NS, "shop").getStatus().getJwt().getNextRotation()).isEqualTo(dueAt);

    operator.close();
    operator = new OperatorHarness(server, client);
    Awaitility.await().until(() -> operator.reconcilesFinished() >= 1);
    operator.awaitIdle();
    assertThat(client.secrets().inNamespace(NS).withName("shop-jwt-next").get()).as("still before the activation").isNotNull();
    assertThat(operator.writes()).as("a restart while a key waits changes nothing").isEmpty();

    StatelessApp promoted = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> operator.get(NS, "shop"), a -> upcomingKid.equals(a.getStatus().getJwt().getActiveKeyId()));
    operator.awaitIdle();
    assertThat(operator.writes()).extracting(Call::toString).as("promotion").containsExactlyInAnyOrder(
        "PUT /api/v1/namespaces/keys/secrets/shop-jwt",
        "DELETE /api/v1/namespaces/keys/secrets/shop-jwt-next",
        // status.jwt names the new active key
        "PATCH /apis/stateless.dev/v1alpha1/namespaces/keys/statelessapps/shop/status");
    assertThat(client.secrets().inNamespace(NS).withName("shop-jwt-next").get()).isNull();
    assertThat(promoted.getStatus().getJwt().getNextRotation()).isNotEqualTo(dueAt);

    operator.awaitIdle();
    assertThat(operator.writes()).as("nothing until the next publication").isEmpty();
  }

  @Test
  void aCorruptSetIsReportedAndLeftAloneAndADeletedOneComesBackFresh() {
    operator.apply(appWithKeys("720h", "15m"));
    operator.awaitApp(NS, "shop", a -> a.getStatus() != null && a.getStatus().getJwt() != null);
    operator.awaitIdle();

    Secret secret = client.secrets().inNamespace(NS).withName("shop-jwt").get();
    secret.setData(Map.of("jwks.json", Base64.getEncoder().encodeToString("{\"keys\":[{\"kty\":\"EC\"}]}".getBytes(StandardCharsets.UTF_8))));
    client.resource(secret).update();

    StatelessApp reported = operator.awaitApp(NS, "shop", hasCondition("Ready", "False", "InvalidSigningKeys"));
    assertThat(OperatorHarness.condition(reported, "Ready").orElseThrow().getMessage()).contains("shop-jwt");
    operator.awaitIdle();
    assertThat(jwks(client.secrets().inNamespace(NS).withName("shop-jwt").get())).isEqualTo("{\"keys\":[{\"kty\":\"EC\"}]}");

    client.secrets().inNamespace(NS).withName("shop-jwt").delete();
    operator.awaitApp(NS, "shop", a -> OperatorHarness.condition(a, "Ready").map(c -> !"InvalidSigningKeys".equals(c.getReason())).orElse(false));
    Awaitility.await().until(() -> client.secrets().inNamespace(NS).withName("shop-jwt").get(), s -> s != null && jwks(s).contains("\"kid\""));
  }

  @Test
  void removingJwtDeletesTheSecretAndTheMount() {
    operator.apply(appWithKeys("720h", "15m"));
    operator.awaitApp(NS, "shop", a -> a.getStatus() != null && a.getStatus().getJwt() != null);
    operator.awaitIdle();

    StatelessApp app = operator.get(NS, "shop");
    app.getSpec().setJwt(null);
    operator.apply(app);
    operator.awaitApp(NS, "shop", a -> a.getStatus().getJwt() == null);
    operator.awaitIdle();

    assertThat(client.secrets().inNamespace(NS).withName("shop-jwt").get()).isNull();
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("shop").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName).doesNotContain("JWT_JWKS_FILE");
  }

  private static String jwks(Secret secret) {
    return value(secret, "jwks.json");
  }

  private static String value(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
