package dev.stateless.operator.jwt;

import static dev.stateless.operator.jwt.JwksRotationTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.JwtSpec;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens signed by an app with the published keys, across a rotation, for every algorithm. */
class TokensAcrossRotationTest {

  private static final Duration PERIOD = Duration.ofHours(24);
  private static final Duration TTL = Duration.ofMinutes(15);

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final JwksRotation rotation = new JwksRotation(clock);

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void tokensOfTheNextKeyVerifyAgainstTheSetPublishedBeforeItsActivation(JwtAlgorithm algorithm) {
    JwtSpec spec = spec(algorithm, "24h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec);
    clock.set(first.nextChangeAt());
    RotationResult published = stored.evaluate(spec);
    // What a replica whose Secret volume has not caught up with the rotation still reads.
    String setBeforeRotation = published.jwksJson();
    clock.set(published.nextChangeAt());
    RotationResult rotated = stored.evaluate(spec);
    assertThat(rotated.activeKeyId()).isNotEqualTo(first.activeKeyId());

    // A replica that already reads the rotated set signs with its keys[0]...
    String tokenOfTheNewKey = AppSideKeys.sign(rotated.jwksJson(), rotated.activeKeyId(), "signed-after-rotation");
    // ...and one still on the set from before the rotation accepts it: this is the whole point.
    assertThat(AppSideKeys.verifies(setBeforeRotation, tokenOfTheNewKey)).isTrue();
    assertThat(AppSideKeys.verifies(rotated.jwksJson(), tokenOfTheNewKey)).isTrue();
    // The other way round holds too: tokens the old key signs until a replica catches up.
    String tokenOfTheOldKey = AppSideKeys.sign(setBeforeRotation, first.activeKeyId(), "signed-before-catching-up");
    assertThat(AppSideKeys.verifies(rotated.jwksJson(), tokenOfTheOldKey)).isTrue();
    // The set published ahead kept keys[0] as its only private key.
    assertRetiredKeyCannotSign(setBeforeRotation, rotated.activeKeyId(), algorithm);
    // The private part kept apart is the very key that signs after the promotion.
    String signedWithTheKeptPart = AppSideKeys.signWithKey(published.upcomingKeyJson(), "signed-with-next-key");
    assertThat(AppSideKeys.verifies(setBeforeRotation, signedWithTheKeptPart)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void aTokenSignedBeforeRotationVerifiesUntilTokenTtlAfterRetirementAndNotAfter(JwtAlgorithm algorithm) {
    JwtSpec spec = spec(algorithm, "24h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec);
    String oldToken = AppSideKeys.sign(first.jwksJson(), first.activeKeyId(), "signed-before-rotation");
    assertThat(AppSideKeys.verifies(first.jwksJson(), oldToken)).isTrue();

    clock.set(first.nextChangeAt());
    stored.evaluate(spec);
    clock.advance(RotationPolicy.PUBLISH_AHEAD);
    RotationResult rotated = stored.evaluate(spec);
    String newToken = AppSideKeys.sign(rotated.jwksJson(), rotated.activeKeyId(), "signed-after-rotation");
    assertThat(rotated.activeKeyId()).isNotEqualTo(first.activeKeyId());
    assertThat(AppSideKeys.verifies(rotated.jwksJson(), newToken)).as("new key verifies at once").isTrue();
    assertThat(AppSideKeys.verifies(rotated.jwksJson(), oldToken)).as("old key still published").isTrue();
    assertRetiredKeyCannotSign(rotated.jwksJson(), first.activeKeyId(), algorithm);

    clock.advance(TTL.minusSeconds(1));
    RotationResult justBeforeRemoval = rotation.next(stored.jwks, stored.upcomingKey, spec);
    assertThat(justBeforeRemoval.jwksJson()).isSameAs(rotated.jwksJson());
    assertThat(AppSideKeys.verifies(justBeforeRemoval.jwksJson(), oldToken)).isTrue();

    clock.advance(Duration.ofSeconds(1));
    RotationResult removed = stored.evaluate(spec);
    assertThat(removed.changed()).isTrue();
    assertThat(AppSideKeys.verifies(removed.jwksJson(), oldToken)).as("old key removed").isFalse();
    assertThat(AppSideKeys.verifies(removed.jwksJson(), newToken)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void tokensOfTheOldAlgorithmVerifyAfterAnAlgorithmChange(JwtAlgorithm from) {
    JwtAlgorithm to = from == JwtAlgorithm.ES256 ? JwtAlgorithm.EdDSA : JwtAlgorithm.ES256;
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec(from, "24h", "15m"));
    String oldToken = AppSideKeys.sign(first.jwksJson(), first.activeKeyId(), "old-algorithm");

    clock.advance(Duration.ofMinutes(1));
    RotationResult published = stored.evaluate(spec(to, "24h", "15m"));
    assertThat(published.activeKeyId()).as("the old algorithm signs for the lead time").isEqualTo(first.activeKeyId());
    clock.set(published.nextChangeAt());
    RotationResult changed = stored.evaluate(spec(to, "24h", "15m"));
    String newToken = AppSideKeys.sign(changed.jwksJson(), changed.activeKeyId(), "new-algorithm");

    assertThat(AppSideKeys.verifies(published.jwksJson(), newToken)).as("known before it signs").isTrue();
    assertThat(AppSideKeys.verifies(changed.jwksJson(), oldToken)).isTrue();
    assertThat(AppSideKeys.verifies(changed.jwksJson(), newToken)).isTrue();
    clock.advance(TTL);
    RotationResult removed = stored.evaluate(spec(to, "24h", "15m"));
    assertThat(AppSideKeys.verifies(removed.jwksJson(), oldToken)).isFalse();
    assertThat(AppSideKeys.verifies(removed.jwksJson(), newToken)).isTrue();
  }

  private static void assertRetiredKeyCannotSign(String jwksJson, String retiredKid, JwtAlgorithm algorithm) {
    Jwk<?> retired = AppSideKeys.parse(jwksJson).getKeys().stream()
        .filter(jwk -> jwk.getId().equals(retiredKid))
        .findFirst()
        .orElseThrow();
    Map<String, Object> raw = RawJwks.keys(jwksJson).stream()
        .filter(key -> retiredKid.equals(key.get("kid")))
        .findFirst()
        .orElseThrow();
    if (algorithm == JwtAlgorithm.HS256) {
      // A symmetric key has no public part: verifying an HMAC takes the same secret that signs.
      // So a retired HS256 key stays a complete `oct` key; what retires it is that the app signs
      // only with keys[0]. The set as a whole is as secret as the active key.
      assertThat(retired).isInstanceOf(SecretJwk.class);
      assertThat(raw).containsKey("k");
    } else {
      assertThat(retired).isInstanceOf(PublicJwk.class).isNotInstanceOf(PrivateJwk.class);
      assertThat(raw).doesNotContainKey("d");
    }
  }
}
