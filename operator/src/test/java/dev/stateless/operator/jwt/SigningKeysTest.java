package dev.stateless.operator.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

  private final JwksRotation rotation = new JwksRotation(new TestClock(Instant.parse("2026-11-28T05:45:00Z")));
  private final StatelessApp app = TestApps.app("shop", "web");

  SigningKeysTest() {
    app.getSpec().setJwt(JwksRotationTest.spec(JwtAlgorithm.ES256, "720h", "15m"));
  }

  @Test
  void aDecisionHoldsForTheSecretItWasMadeFromOnly() {
    String jwks = rotation.next(null, null, app.getSpec().getJwt()).jwksJson();
    Secret stored = secret("web-jwt", "41", jwks);

    SigningKeys.Current keys = (SigningKeys.Current) SigningKeys.evaluate(new AppSettings(app), Optional.of(stored), Optional.empty(), rotation);

    assertThat(keys.decidedFrom(stored)).isTrue();
    // Edited by hand after the evaluation: the decision must not be written over it.
    assertThat(keys.decidedFrom(secret("web-jwt", "42", jwks))).isFalse();
    // Created by someone else after an evaluation that found none.
    assertThat(keys.decidedFrom(secret("web-jwt-next", "43", "{}"))).isFalse();
  }

  @Test
  void aFirstDecisionIsMadeFromNoSecretAtAll() {
    SigningKeys.Current keys = (SigningKeys.Current) SigningKeys.evaluate(new AppSettings(app), Optional.empty(), Optional.empty(), rotation);

    assertThat(keys.decidedFrom()).isEmpty();
    assertThat(keys.rotation().changed()).isTrue();
  }

  private static Secret secret(String name, String resourceVersion, String json) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace("shop").withName(name).withResourceVersion(resourceVersion).endMetadata()
        .withData(Map.of(name.endsWith("-next") ? SigningKeys.UPCOMING_SECRET_KEY : SigningKeys.SECRET_KEY,
            Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
