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
    RotationResult result = rotation.next(null, null, spec(algorithm, "720h", "15m"));

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
    RotationResult result = rotation.next(null, null, spec(JwtAlgorithm.ES256, "720h", "15m"));

    assertThat(result.nextRotation()).isEqualTo(Instant.parse("2026-12-28T05:45:00Z"));
    assertThat(result.status().getActiveKeyId()).isEqualTo("2026-11-28T05-45-00Z");
    assertThat(result.status().getNextRotation()).isEqualTo("2026-12-28T05:45:00Z");
  }

  private static final Duration LEAD = RotationPolicy.PUBLISH_AHEAD;
  private static final Instant CREATED = Instant.parse("2026-11-28T05:45:00Z");

  @Test
  void beforeAnythingIsDueTheStoredJsonComesBackAsItIs() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    String stored = rotation.next(null, null, spec).jwksJson();

    RotationResult sameMoment = rotation.next(stored, null, spec);
    clock.set(CREATED.plus(PERIOD).minus(LEAD).minusSeconds(1));
    RotationResult justBeforePublication = rotation.next(stored, null, spec);

    assertThat(sameMoment.changed()).isFalse();
    assertThat(sameMoment.jwksJson()).isSameAs(stored);
    assertThat(sameMoment.upcomingKeyJson()).isNull();
    assertThat(justBeforePublication.changed()).isFalse();
    assertThat(justBeforePublication.jwksJson()).isSameAs(stored);
    assertThat(justBeforePublication.upcomingKeyChanged()).isFalse();
    assertThat(justBeforePublication.activeKeyId()).isEqualTo(sameMoment.activeKeyId());
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void theNextKeyIsPublishedAheadInItsVerificationFormAndItsPrivatePartKeptApart(JwtAlgorithm algorithm) {
    JwtSpec spec = spec(algorithm, "720h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec);
    assertThat(first.nextChangeAt()).as("wakes up for the publication").isEqualTo(CREATED.plus(PERIOD).minus(LEAD));

    clock.set(first.nextChangeAt());
    RotationResult published = stored.evaluate(spec);

    assertThat(published.changed()).isTrue();
    assertThat(published.upcomingKeyChanged()).isTrue();
    assertThat(published.activeKeyId()).as("the old key still signs").isEqualTo(first.activeKeyId());
    Instant due = CREATED.plus(PERIOD);
    assertThat(published.nextRotation()).isEqualTo(due);
    assertThat(published.nextChangeAt()).isEqualTo(due);
    assertThat(published.delayUntilNextChange()).isEqualTo(LEAD);
    List<Map<String, Object>> raw = RawJwks.keys(published.jwksJson());
    assertThat(raw).extracting(key -> key.get("kid")).containsExactly(first.activeKeyId(), "2026-12-28T05-40-00Z");
    Map<String, Object> upcoming = raw.get(1);
    assertThat(upcoming)
        .containsEntry("alg", algorithm.name())
        .containsEntry("use", "sig")
        .containsEntry(KeyTimestamps.CREATED, "2026-12-28T05:40:00Z")
        .containsEntry(KeyTimestamps.ACTIVATES, "2026-12-28T05:45:00Z")
        .doesNotContainKey(KeyTimestamps.RETIRED)
        .doesNotContainKey("d");
    assertThat(raw.get(0)).doesNotContainKey(KeyTimestamps.ACTIVATES);
    Jwk<?> privatePart = io.jsonwebtoken.security.Jwks.parser().build().parse(published.upcomingKeyJson());
    assertThat(privatePart.getId()).isEqualTo("2026-12-28T05-40-00Z");
    assertThat(privatePart).isInstanceOfAny(PrivateJwk.class, SecretJwk.class);

    clock.advance(Duration.ofMinutes(4));
    RotationResult waiting = rotation.next(stored.jwks, stored.upcomingKey, spec);
    assertThat(waiting.changed()).isFalse();
    assertThat(waiting.jwksJson()).isSameAs(stored.jwks);
    assertThat(waiting.upcomingKeyJson()).isSameAs(stored.upcomingKey);
    assertThat(waiting.upcomingKeyChanged()).isFalse();
  }

  @Test
  void atItsActivationTheUpcomingKeyBecomesKeysZeroAndTheOldOneIsRetiredPublicOnly() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec);
    clock.set(first.nextChangeAt());
    RotationResult published = stored.evaluate(spec);
    String upcomingKid = (String) RawJwks.keys(published.jwksJson()).get(1).get("kid");

    clock.set(published.nextChangeAt());
    RotationResult promoted = stored.evaluate(spec);

    Instant due = CREATED.plus(PERIOD);
    assertThat(promoted.changed()).isTrue();
    assertThat(promoted.upcomingKeyJson()).as("the next-key Secret goes").isNull();
    assertThat(promoted.upcomingKeyChanged()).isTrue();
    assertThat(promoted.activeKeyId()).isEqualTo(upcomingKid);
    assertThat(promoted.nextRotation()).as("a full period from its activation").isEqualTo(due.plus(PERIOD));
    assertThat(promoted.nextChangeAt()).isEqualTo(due.plus(TTL));
    List<Map<String, Object>> raw = RawJwks.keys(promoted.jwksJson());
    assertThat(raw).extracting(key -> key.get("kid")).containsExactly(upcomingKid, first.activeKeyId());
    assertThat(raw.get(0)).containsKey("d")
        .containsEntry(KeyTimestamps.CREATED, "2026-12-28T05:40:00Z")
        .containsEntry(KeyTimestamps.ACTIVATED, "2026-12-28T05:45:00Z")
        .doesNotContainKey(KeyTimestamps.ACTIVATES)
        .doesNotContainKey(KeyTimestamps.RETIRED);
    assertThat(raw.get(1))
        .doesNotContainKey("d")
        .containsEntry("alg", "ES256")
        .containsEntry("use", "sig")
        .containsEntry(KeyTimestamps.CREATED, "2026-11-28T05:45:00Z")
        .containsEntry(KeyTimestamps.RETIRED, "2026-12-28T05:45:00Z");

    clock.set(promoted.nextChangeAt());
    RotationResult pruned = stored.evaluate(spec);
    assertThat(RawJwks.keys(pruned.jwksJson())).hasSize(1);
    assertThat(pruned.nextChangeAt()).as("the next publication").isEqualTo(due.plus(PERIOD).minus(LEAD));
    assertThat(pruned.delayUntilNextChange()).isEqualTo(PERIOD.minus(TTL).minus(LEAD));
  }

  @Test
  void aShortPeriodPublishesHalfAPeriodAhead() {
    JwtSpec spec = spec(JwtAlgorithm.EdDSA, "2s", "1s");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult first = stored.evaluate(spec);
    assertThat(first.nextChangeAt()).isEqualTo(CREATED.plusSeconds(1));

    clock.set(CREATED.plusSeconds(1));
    RotationResult published = stored.evaluate(spec);
    assertThat(RawJwks.keys(published.jwksJson()).get(1)).containsEntry(KeyTimestamps.ACTIVATES, "2026-11-28T05:45:02Z");

    clock.set(CREATED.plusSeconds(2));
    RotationResult promoted = stored.evaluate(spec);
    assertThat(promoted.activeKeyId()).isEqualTo("2026-11-28T05-45-01Z");
    assertThat(promoted.nextRotation()).isEqualTo(CREATED.plusSeconds(4));
    assertThat(promoted.nextChangeAt()).as("the old key's removal").isEqualTo(CREATED.plusSeconds(3));
  }

  @Test
  void aRestartedOperatorDecidesTheSameFromTheStoredValues() {
    JwtSpec spec = spec(JwtAlgorithm.EdDSA, "1h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    clock.set(stored.evaluate(spec).nextChangeAt());
    stored.evaluate(spec);
    clock.advance(Duration.ofMinutes(2));

    RotationResult whilePending = rotation.next(stored.jwks, stored.upcomingKey, spec);
    RotationResult afterRestart = new JwksRotation(clock).next(stored.jwks, stored.upcomingKey, spec);
    assertThat(afterRestart).isEqualTo(whilePending);
    assertThat(afterRestart.changed()).isFalse();
    assertThat(afterRestart.upcomingKeyChanged()).isFalse();

    clock.advance(Duration.ofMinutes(3));
    stored.evaluate(spec);
    clock.advance(Duration.ofMinutes(5));
    RotationResult afterPromotion = rotation.next(stored.jwks, stored.upcomingKey, spec);
    assertThat(new JwksRotation(clock).next(stored.jwks, stored.upcomingKey, spec)).isEqualTo(afterPromotion);
    assertThat(afterPromotion.jwksJson()).isSameAs(stored.jwks);
  }

  @Test
  void withATokenTtlLongerThanThePeriodSeveralRetiredKeysWaitAndTheEarliestRemovalWakesUs() {
    JwtSpec spec = spec(JwtAlgorithm.HS256, "1h", "150m");
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult result = stored.evaluate(spec);
    while (!result.nextChangeAt().isAfter(CREATED.plus(Duration.ofHours(3)))) {
      clock.set(result.nextChangeAt());
      result = stored.evaluate(spec);
    }

    // At +3h the keys retired at +1h, +2h and +3h are all within 150m of their retirement.
    assertThat(RawJwks.keys(stored.jwks)).extracting(key -> key.get(KeyTimestamps.RETIRED))
        .containsExactly(null, "2026-11-28T08:45:00Z", "2026-11-28T07:45:00Z", "2026-11-28T06:45:00Z");
    assertThat(result.nextChangeAt()).isEqualTo(CREATED.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(150)));
    assertThat(result.nextRotation()).isEqualTo(CREATED.plus(Duration.ofHours(4)));

    clock.set(result.nextChangeAt());
    RotationResult pruned = stored.evaluate(spec);
    assertThat(RawJwks.keys(pruned.jwksJson())).hasSize(3);
    assertThat(pruned.nextChangeAt()).isEqualTo(CREATED.plus(Duration.ofHours(4)).minus(LEAD));
  }

  @Test
  void anOverdueRotationPublishesNowAndStillWaitsTheLeadTimeBeforeSigning() {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "1h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    stored.evaluate(spec);
    // The operator was down for five hours: the old key keeps signing until the new one reached every pod.
    Instant late = Instant.parse("2026-11-28T10:45:00Z");
    clock.set(late);

    RotationResult published = stored.evaluate(spec);
    assertThat(RawJwks.keys(published.jwksJson()).get(1)).containsEntry(KeyTimestamps.ACTIVATES, "2026-11-28T10:50:00Z");
    assertThat(published.nextRotation()).isEqualTo(late.plus(LEAD));

    clock.set(published.nextChangeAt());
    RotationResult promoted = stored.evaluate(spec);
    assertThat(RawJwks.keys(promoted.jwksJson()).get(1)).containsEntry(KeyTimestamps.RETIRED, "2026-11-28T10:50:00Z");
    assertThat(promoted.nextChangeAt()).isEqualTo(late.plus(LEAD).plus(TTL));
  }

  @Test
  void anAlgorithmChangePublishesTheNewKeyAtOnceAndPromotesItAfterTheLeadTime() {
    StoredKeys stored = new StoredKeys(rotation);
    stored.evaluate(spec(JwtAlgorithm.ES256, "720h", "15m"));
    clock.advance(Duration.ofHours(2));

    RotationResult published = stored.evaluate(spec(JwtAlgorithm.EdDSA, "720h", "15m"));

    assertThat(published.activeKeyId()).isEqualTo("2026-11-28T05-45-00Z");
    List<Map<String, Object>> raw = RawJwks.keys(published.jwksJson());
    assertThat(raw).extracting(key -> key.get("alg")).containsExactly("ES256", "EdDSA");
    assertThat(raw.get(1)).doesNotContainKey("d").containsEntry(KeyTimestamps.ACTIVATES, "2026-11-28T07:50:00Z");
    assertThat(published.nextRotation()).isEqualTo(Instant.parse("2026-11-28T07:50:00Z"));

    clock.set(published.nextChangeAt());
    RotationResult promoted = stored.evaluate(spec(JwtAlgorithm.EdDSA, "720h", "15m"));
    raw = RawJwks.keys(promoted.jwksJson());
    assertThat(raw).extracting(key -> key.get("alg")).containsExactly("EdDSA", "ES256");
    assertThat(raw.get(1)).doesNotContainKey("d");
    assertThat(promoted.activeKeyId()).isEqualTo("2026-11-28T07-45-00Z");
    assertThat(promoted.nextRotation()).isEqualTo(Instant.parse("2026-11-28T07:50:00Z").plus(PERIOD));
    assertThat(promoted.nextChangeAt()).isEqualTo(Instant.parse("2026-11-28T07:50:00Z").plus(TTL));
  }

  @Test
  void anUpcomingKeyOfAnAlgorithmNoLongerWantedIsReplacedUnderAFreshKid() {
    StoredKeys stored = new StoredKeys(rotation);
    stored.evaluate(spec(JwtAlgorithm.ES256, "720h", "15m"));
    stored.evaluate(spec(JwtAlgorithm.EdDSA, "720h", "15m"));
    RotationResult third = stored.evaluate(spec(JwtAlgorithm.HS256, "720h", "15m"));

    assertThat(RawJwks.keys(third.jwksJson())).extracting(key -> key.get("kid"))
        .containsExactly("2026-11-28T05-45-00Z", "2026-11-28T05-45-00Z-3");
    assertThat(RawJwks.keys(third.jwksJson()).get(1)).containsEntry("alg", "HS256");
    assertThat(AppSideKeys.parse(third.jwksJson()).getKeys()).hasSize(2);

    RotationResult back = stored.evaluate(spec(JwtAlgorithm.ES256, "720h", "15m"));
    assertThat(RawJwks.keys(back.jwksJson())).as("back to the active key's algorithm: nothing upcoming").hasSize(1);
    assertThat(back.upcomingKeyJson()).isNull();
  }

  @ParameterizedTest
  @EnumSource(UpcomingKeyDamage.class)
  void anUpcomingKeyWithoutItsPrivatePartIsNeverPromotedButReplacedAFullLeadTimeAhead(UpcomingKeyDamage damage) {
    JwtSpec spec = spec(JwtAlgorithm.ES256, "720h", "15m");
    StoredKeys stored = new StoredKeys(rotation);
    clock.set(stored.evaluate(spec).nextChangeAt());
    RotationResult published = stored.evaluate(spec);
    String droppedKid = (String) RawJwks.keys(published.jwksJson()).get(1).get("kid");
    clock.set(published.nextChangeAt());
    stored.upcomingKey = damage.apply(stored.upcomingKey, droppedKid);

    RotationResult recovered = stored.evaluate(spec);

    assertThat(recovered.activeKeyId()).as("not promoted").isEqualTo("2026-11-28T05-45-00Z");
    List<Map<String, Object>> raw = RawJwks.keys(recovered.jwksJson());
    assertThat(raw).hasSize(2);
    assertThat(raw.get(1).get("kid")).isNotEqualTo(droppedKid);
    assertThat(raw.get(1)).containsEntry(KeyTimestamps.ACTIVATES, "2026-12-28T05:50:00Z");
    assertThat(recovered.upcomingKeyChanged()).isTrue();
    Jwk<?> privatePart = io.jsonwebtoken.security.Jwks.parser().build().parse(recovered.upcomingKeyJson());
    assertThat(privatePart.getId()).isEqualTo(raw.get(1).get("kid"));

    clock.set(recovered.nextChangeAt());
    assertThat(stored.evaluate(spec).activeKeyId()).isEqualTo(raw.get(1).get("kid"));
  }

  /** Ways the next-key Secret can fail its upcoming key. */
  enum UpcomingKeyDamage {
    MISSING {
      @Override
      String apply(String upcomingKey, String kid) {
        return null;
      }
    },
    UNREADABLE {
      @Override
      String apply(String upcomingKey, String kid) {
        return "{\"kty\":";
      }
    },
    ANOTHER_KEY_UNDER_ITS_KID {
      @Override
      String apply(String upcomingKey, String kid) {
        var other = new SigningKeyGenerator(new java.security.SecureRandom())
            .generate(JwtAlgorithm.ES256, Instant.parse("2026-12-28T05:40:00Z"), java.util.Set.of());
        return new UpcomingKeySecret().write(other);
      }
    };

    abstract String apply(String upcomingKey, String kid);
  }

  @Test
  void aShorterTokenTtlAppliesToKeysAlreadyRetired() {
    StoredKeys stored = new StoredKeys(rotation);
    RotationResult result = stored.evaluate(spec(JwtAlgorithm.ES256, "1h", "1h"));
    for (int step = 0; step < 2; step++) {
      clock.set(result.nextChangeAt());
      result = stored.evaluate(spec(JwtAlgorithm.ES256, "1h", "1h"));
    }
    assertThat(RawJwks.keys(stored.jwks)).hasSize(2);
    clock.advance(Duration.ofMinutes(20));

    RotationResult shorter = stored.evaluate(spec(JwtAlgorithm.ES256, "1h", "15m"));

    assertThat(RawJwks.keys(shorter.jwksJson())).hasSize(1);
  }

  @Test
  void unsetSpecFieldsTakeTheDocumentedDefaults() {
    JwtSpec unset = new JwtSpec();
    unset.setAlgorithm(null);
    unset.setRotationPeriod(null);
    unset.setTokenTTL(null);

    RotationResult result = rotation.next(null, null, unset);

    assertThat(RawJwks.keys(result.jwksJson()).get(0)).containsEntry("alg", "ES256");
    assertThat(result.nextRotation()).isEqualTo(Instant.parse("2026-11-28T05:45:00Z").plus(PERIOD));
    assertThat(rotation.next(null, null, null).nextRotation()).isEqualTo(result.nextRotation());
  }

  @Test
  void aRotationPeriodUnderASecondIsRefusedRatherThanRotatingInALoop() {
    assertThatThrownBy(() -> rotation.next(null, null, spec(JwtAlgorithm.ES256, "500ms", "15m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.jwt.rotationPeriod");
    assertThatThrownBy(() -> rotation.next(null, null, spec(JwtAlgorithm.ES256, "720h", "15 minutes")))
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
