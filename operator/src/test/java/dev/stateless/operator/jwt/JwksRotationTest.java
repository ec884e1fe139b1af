package dev.stateless.operator.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import dev.stateless.api.v1alpha1.JwtSpec;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwksRotationTest {

  private static final Instant START = Instant.parse("2026-11-28T05:45:00.250Z");
  private static final Duration PERIOD = Duration.ofHours(720);
  private static final Duration TTL = Duration.ofMinutes(15);

  private final TestClock clock = new TestClock(START);
  private final JwksRotation rotation = new JwksRotation(clock);

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void firstRunGeneratesOneSigningKeyThatJjwtParses(JwtAlgorithm algorithm) {
    RotationResult result = rotation.next(null, spec(algorithm, "720h", "15m"));

    assertThat(result.changed()).isTrue();
    assertThat(result.activeKeyId()).isEqualTo("2026-11-28T05-45-00Z");
    List<Jwk<?>> keys = List.copyOf(AppSideKeys.parse(result.jwksJson()).getKeys());
    assertThat(keys).hasSize(1);
    Jwk<?> active = keys.get(0);
    assertThat(active.getId()).isEqualTo(result.activeKeyId());
    assertThat(active.getAlgorithm()).isEqualTo(algorithm.name());
    assertThat(active.get("use")).isEqualTo("sig");
    assertThat(active.get(KeyTimestamps.CREATED)).isEqualTo("2026-11-28T05:45:00Z");
    assertThat(active).isInstanceOfAny(PrivateJwk.class, SecretJwk.class);
    Map<String, Object> raw = RawJwks.keys(result.jwksJson()).get(0);
    switch (algorithm) {
      case ES256 -> assertThat(raw).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsKey("d");
      case EdDSA -> assertThat(raw).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519").containsKey("d");
      case HS256 -> assertThat(((SecretJwk) active).toKey().getEncoded()).hasSize(32);
    }
  }

  @Test
  void reportsTheStatusAndTheNextRotationInRfc3339Utc() {
    RotationResult result = rotation.next(null, spec(JwtAlgorithm.ES256, "720h", "15m"));

    assertThat(result.nextRotation()).isEqualTo(Instant.parse("2026-12-28T05:45:00Z"));
    assertThat(result.status().getActiveKeyId()).isEqualTo("2026-11-28T05-45-00Z");
    assertThat(result.status().getNextRotation()).isEqualTo("2026-12-28T05:45:00Z");
  }

  @Test
  void beforeAnythingIsDueTheStoredJsonComesBackAsItIs() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    String stored = rotation.next(null, spec).jwksJson();

    RotationResult sameMoment = rotation.next(stored, spec);
    clock.advance(PERIOD.minusSeconds(1));
    RotationResult justBeforeRotation = rotation.next(stored, spec);

    assertThat(sameMoment.changed()).isFalse();
    assertThat(sameMoment.jwksJson()).isSameAs(stored);
    assertThat(justBeforeRotation.changed()).isFalse();
    assertThat(justBeforeRotation.jwksJson()).isSameAs(stored);
    assertThat(justBeforeRotation.activeKeyId()).isEqualTo(sameMoment.activeKeyId());
  }

  @Test
  void aRestartedOperatorDecidesTheSameFromTheStoredJson() {
    JwtSpec spec = spec(JwtAlgorithm.EdDSA, "1h", "15m");
    String stored = rotation.next(null, spec).jwksJson();
    clock.advance(Duration.ofHours(1));
    stored = rotation.next(stored, spec).jwksJson();
    clock.advance(Duration.ofMinutes(5));
    RotationResult before = rotation.next(stored, spec);

    RotationResult afterRestart = new JwksRotation(clock).next(stored, spec);

    assertThat(afterRestart).isEqualTo(before);
    assertThat(afterRestart.changed()).isFalse();
    assertThat(afterRestart.jwksJson()).isSameAs(stored);
  }

  @Test
  void rotatesWhenThePeriodHasPassedKeepingTheRetiredKeyPublicOnly() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    RotationResult first = rotation.next(null, spec);
    clock.set(Instant.parse("2026-12-28T05:45:00Z"));

    RotationResult rotated = rotation.next(first.jwksJson(), spec);

    assertThat(rotated.changed()).isTrue();
    assertThat(rotated.activeKeyId()).isEqualTo("2026-12-28T05-45-00Z");
    List<Map<String, Object>> raw = RawJwks.keys(rotated.jwksJson());
    assertThat(raw).extracting(key -> key.get("kid")).containsExactly("2026-12-28T05-45-00Z", first.activeKeyId());
    assertThat(raw.get(0)).containsKey("d").doesNotContainKey(KeyTimestamps.RETIRED);
    assertThat(raw.get(1))
        .doesNotContainKey("d")
        .containsEntry("alg", "ES256")
        .containsEntry("use", "sig")
        .containsEntry(KeyTimestamps.CREATED, "2026-11-28T05:45:00Z")
        .containsEntry(KeyTimestamps.RETIRED, "2026-12-28T05:45:00Z");
  }

  @Test
  void theNextWakeUpIsExactlyTheNextRotationOrRemoval() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    RotationResult first = rotation.next(null, spec);
    Instant created = Instant.parse("2026-11-28T05:45:00Z");
    assertThat(first.nextChangeAt()).isEqualTo(created.plus(PERIOD));
    // Measured from the real (sub-second) now, so the wake-up lands on the due time itself.
    assertThat(first.delayUntilNextChange()).isEqualTo(PERIOD.minusMillis(250));

    Instant rotatedAt = created.plus(PERIOD);
    clock.set(rotatedAt);
    RotationResult rotated = rotation.next(first.jwksJson(), spec);
    assertThat(rotated.nextRotation()).isEqualTo(rotatedAt.plus(PERIOD));
    assertThat(rotated.nextChangeAt()).isEqualTo(rotatedAt.plus(TTL));
    assertThat(rotated.delayUntilNextChange()).isEqualTo(TTL);

    clock.set(rotated.nextChangeAt());
    RotationResult pruned = rotation.next(rotated.jwksJson(), spec);
    assertThat(pruned.changed()).isTrue();
    assertThat(RawJwks.keys(pruned.jwksJson())).hasSize(1);
    assertThat(pruned.nextChangeAt()).isEqualTo(rotatedAt.plus(PERIOD));
    assertThat(pruned.delayUntilNextChange()).isEqualTo(PERIOD.minus(TTL));
  }

  @Test
  void withATokenTtlLongerThanThePeriodSeveralRetiredKeysWaitAndTheEarliestRemovalWakesUs() {
    JwtSpec spec = spec(JwtAlgorithm.HS256, "1h", "150m");
    String stored = rotation.next(null, spec).jwksJson();
    Instant created = Instant.parse("2026-11-28T05:45:00Z");

    RotationResult result = null;
    for (int hour = 1; hour <= 3; hour++) {
      clock.set(created.plus(Duration.ofHours(hour)));
      result = rotation.next(stored, spec);
      stored = result.jwksJson();
    }

    // At +3h the keys retired at +1h, +2h and +3h are all within 150m of their retirement.
    assertThat(RawJwks.keys(stored)).extracting(key -> key.get(KeyTimestamps.RETIRED))
        .containsExactly(null, "2026-11-28T08:45:00Z", "2026-11-28T07:45:00Z", "2026-11-28T06:45:00Z");
    assertThat(result.nextChangeAt()).isEqualTo(created.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(150)));
    assertThat(result.nextRotation()).isEqualTo(created.plus(Duration.ofHours(4)));

    clock.set(result.nextChangeAt());
    RotationResult pruned = rotation.next(stored, spec);
    assertThat(RawJwks.keys(pruned.jwksJson())).hasSize(3);
    assertThat(pruned.nextChangeAt()).isEqualTo(created.plus(Duration.ofHours(4)));
  }

  @Test
  void anOverdueRotationRetiresTheKeyNowNotWhenItWasDue() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "1h", "15m");
    String stored = rotation.next(null, spec).jwksJson();
    // The operator was down for five hours: the old key signed tokens until just now.
    Instant late = Instant.parse("2026-11-28T10:45:00Z");
    clock.set(late);

    RotationResult rotated = rotation.next(stored, spec);

    assertThat(RawJwks.keys(rotated.jwksJson()).get(1)).containsEntry(KeyTimestamps.RETIRED, "2026-11-28T10:45:00Z");
    assertThat(rotated.nextChangeAt()).isEqualTo(late.plus(TTL));
  }

  @Test
  void anAlgorithmChangeStartsANewKeyAtOnceAndKeepsTheOldOneForVerification() {
    String stored = rotation.next(null, spec(JwtAlgorithm.ES256, "720h", "15m")).jwksJson();
    clock.advance(Duration.ofHours(2));

    RotationResult changed = rotation.next(stored, spec(JwtAlgorithm.EdDSA, "720h", "15m"));

    List<Map<String, Object>> raw = RawJwks.keys(changed.jwksJson());
    assertThat(raw).extracting(key -> key.get("alg")).containsExactly("EdDSA", "ES256");
    assertThat(raw.get(1)).doesNotContainKey("d");
    assertThat(changed.activeKeyId()).isEqualTo("2026-11-28T07-45-00Z");
    assertThat(changed.nextRotation()).isEqualTo(Instant.parse("2026-11-28T07:45:00Z").plus(PERIOD));
    assertThat(changed.nextChangeAt()).isEqualTo(Instant.parse("2026-11-28T07:45:00Z").plus(TTL));
  }

  @Test
  void keysCreatedInTheSameSecondGetDistinctKids() {
    String stored = rotation.next(null, spec(JwtAlgorithm.ES256, "720h", "15m")).jwksJson();
    stored = rotation.next(stored, spec(JwtAlgorithm.EdDSA, "720h", "15m")).jwksJson();
    RotationResult third = rotation.next(stored, spec(JwtAlgorithm.HS256, "720h", "15m"));

    assertThat(RawJwks.keys(third.jwksJson())).extracting(key -> key.get("kid"))
        .containsExactly("2026-11-28T05-45-00Z-3", "2026-11-28T05-45-00Z-2", "2026-11-28T05-45-00Z");
    assertThat(AppSideKeys.parse(third.jwksJson()).getKeys()).hasSize(3);
  }

  @Test
  void aShorterTokenTtlAppliesToKeysAlreadyRetired() {
    String stored = rotation.next(null, spec(JwtAlgorithm.ES256, "1h", "1h")).jwksJson();
    clock.advance(Duration.ofHours(1));
    stored = rotation.next(stored, spec(JwtAlgorithm.ES256, "1h", "1h")).jwksJson();
    clock.advance(Duration.ofMinutes(20));

    RotationResult result = rotation.next(stored, spec(JwtAlgorithm.ES256, "1h", "15m"));

    assertThat(RawJwks.keys(result.jwksJson())).hasSize(1);
  }

  @Test
  void unsetSpecFieldsTakeTheDocumentedDefaults() {
    JwtSpec unset = new JwtSpec();
    unset.setAlgorithm(null);
    unset.setRotationPeriod(null);
    unset.setTokenTTL(null);

    RotationResult result = rotation.next(null, unset);

    assertThat(RawJwks.keys(result.jwksJson()).get(0)).containsEntry("alg", "ES256");
    assertThat(result.nextRotation()).isEqualTo(Instant.parse("2026-11-28T05:45:00Z").plus(PERIOD));
    assertThat(rotation.next(null, null).nextRotation()).isEqualTo(result.nextRotation());
  }

  @Test
  void aRotationPeriodUnderASecondIsRefusedRatherThanRotatingInALoop() {
    assertThatThrownBy(() -> rotation.next(null, spec(JwtAlgorithm.ES256, "500ms", "15m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.jwt.rotationPeriod");
    assertThatThrownBy(() -> rotation.next(null, spec(JwtAlgorithm.ES256, "720h", "15 minutes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.jwt.tokenTTL");
  }

  static JwtSpec spec(JwtAlgorithm algorithm, String rotationPeriod, String tokenTtl) {
    JwtSpec spec = new JwtSpec();
    spec.setAlgorithm(algorithm);
    spec.setRotationPeriod(rotationPeriod);
    spec.setTokenTTL(tokenTtl);
    return spec;
  }
}
