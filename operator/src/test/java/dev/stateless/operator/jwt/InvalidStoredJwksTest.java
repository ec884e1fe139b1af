package dev.stateless.operator.jwt;

import static dev.stateless.operator.jwt.JwksRotationTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stateless.api.v1alpha1.JwtAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-edited or corrupt sets are refused with a message that says what is wrong, and no key
 * material; the operator then leaves the Secret alone.
 */
class InvalidStoredJwksTest {

  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-01T08:00:00Z"));

  /** A valid stored set: an ES256 active key and a retired one. */
  private static final String VALID = validSet(JwtAlgorithm.ES256);

  private static final String VALID_HS256 = validSet(JwtAlgorithm.HS256);

  /** A valid stored set with all three kinds of key: active, upcoming and retired. */
  private static final StoredKeys WITH_UPCOMING = setWithUpcomingKey(JwtAlgorithm.ES256);

  private static final String VALID_WITH_UPCOMING = WITH_UPCOMING.jwks;

  private final JwksRotation rotation = new JwksRotation(CLOCK);

  static Stream<Arguments> corruptSets() {
    return Stream.of(
        Arguments.of("empty", "", "jwks.json is empty"),
        Arguments.of("not JSON", "{\"keys\": [", "jwks.json is not valid JSON (line 1"),
        Arguments.of("not an object", "[]", "jwks.json is not a JSON object"),
        Arguments.of("no keys member", "{}", "jwks.json has no 'keys' array"),
        Arguments.of("no keys", "{\"keys\": []}", "jwks.json has no keys"),
        Arguments.of("a key is not an object", "{\"keys\": [1]}", "keys[0] is not a JSON object"),
        Arguments.of("no kid", edit(VALID, 1, key -> key.remove("kid")), "keys[1] has no 'kid'"),
        Arguments.of("kid not a string", edit(VALID, 0, key -> key.put("kid", 7)), "keys[0] has no 'kid'"),
        Arguments.of("repeated kid", edit(VALID, 1, key -> key.put("kid", kid(VALID, 0))), "repeats a kid"),
        Arguments.of("encryption key", edit(VALID, 1, key -> key.put("use", "enc")), "is not a signing key"),
        Arguments.of("no use", edit(VALID, 0, key -> key.remove("use")), "is not a signing key"),
        Arguments.of("unsupported alg", edit(VALID, 0, key -> key.put("alg", "RS256")), "no supported 'alg'"),
        Arguments.of("no alg", edit(VALID, 1, key -> key.remove("alg")), "no supported 'alg'"),
        Arguments.of("alg of another key type", edit(VALID, 0, key -> key.put("alg", "EdDSA")),
            "is not an Ed25519 'OKP' key"),
        Arguments.of("active key without private part", edit(VALID, 0, key -> key.remove("d")),
            "is the active key but has no private part"),
        Arguments.of("retired key with private part", withRetiredPrivateKey(),
            "has a private part, which only the active key"),
        Arguments.of("private part of another key", withForeignPrivatePart(), "does not match its public part"),
        Arguments.of("point not on the curve", edit(VALID, 1, key -> key.put("y", key.get("x"))),
            "is not a valid JWK Set"),
        Arguments.of("short HMAC key", edit(VALID_HS256, 0, key -> key.put("k", "AAAAAAAAAAAAAAAAAAAAAA")),
            "keys[0]: Secret JWK 'alg' (Algorithm) value is 'HS256', but the 'k' (Key Value) length is smaller"),
        Arguments.of("no creation time", edit(VALID, 0, key -> key.remove(KeyTimestamps.CREATED)),
            "has no 'stateless.dev/created' time"),
        Arguments.of("creation time not RFC 3339", edit(VALID, 1, key -> key.put(KeyTimestamps.CREATED, "yesterday")),
            "has no 'stateless.dev/created' time"),
        Arguments.of("retired key without retirement time", edit(VALID, 1, key -> key.remove(KeyTimestamps.RETIRED)),
            "has no 'stateless.dev/retired' time"),
        Arguments.of("active key with retirement time",
            edit(VALID, 0, key -> key.put(KeyTimestamps.RETIRED, "2026-05-01T08:00:00Z")),
            "is the active key but has a 'stateless.dev/retired' time"),
        Arguments.of("two upcoming keys", edit(VALID_WITH_UPCOMING, 2, key -> {
              key.remove(KeyTimestamps.RETIRED);
              key.put(KeyTimestamps.ACTIVATES, "2026-05-01T08:05:00Z");
            }),
            "jwks.json has 2 upcoming keys"),
        Arguments.of("upcoming key with private part",
            edit(VALID_WITH_UPCOMING, 1, key -> key.put("d", RawJwks.keys(VALID_WITH_UPCOMING).get(0).get("d"))),
            "keys[1] (kid '" + kid(VALID_WITH_UPCOMING, 1) + "') has a private part, which only the active key"),
        Arguments.of("upcoming key at keys[0]",
            edit(VALID_WITH_UPCOMING, 0, key -> key.put(KeyTimestamps.ACTIVATES, "2026-05-01T08:05:00Z")),
            "jwks.json has 2 upcoming keys"),
        Arguments.of("the only upcoming key at keys[0]",
            edit(VALID, 0, key -> key.put(KeyTimestamps.ACTIVATES, "2026-05-01T08:05:00Z")),
            "is the active key but has a 'stateless.dev/activates' time"),
        Arguments.of("upcoming key after a retired one", swap(VALID_WITH_UPCOMING, 1, 2),
            "is an upcoming key (with 'stateless.dev/activates') but not keys[1]"),
        Arguments.of("activation time not RFC 3339",
            edit(VALID_WITH_UPCOMING, 1, key -> key.put(KeyTimestamps.ACTIVATES, "in five minutes")),
            "has a malformed 'stateless.dev/activates' time"),
        Arguments.of("upcoming key with retirement time",
            edit(VALID_WITH_UPCOMING, 1, key -> key.put(KeyTimestamps.RETIRED, "2026-05-01T08:00:00Z")),
            "is an upcoming key but has a 'stateless.dev/retired' time"),
        Arguments.of("activated time not RFC 3339",
            edit(VALID_WITH_UPCOMING, 0, key -> key.put(KeyTimestamps.ACTIVATED, 12)),
            "has a malformed 'stateless.dev/activated' time"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptSets")
  void refusesWithAMessageThatNamesTheProblemAndNoKeyMaterial(String problem, String stored, String expected) {
    InvalidSigningKeysException error = catchThrowableOfType(InvalidSigningKeysException.class,
        () -> rotation.next(stored, null, spec(JwtAlgorithm.ES256, "720h", "15m")));

    assertThat(error).as(problem).isNotNull();
    assertThat(error.getMessage()).contains(expected);
    assertThat(error.getCause()).isNull();
    for (String secret : secretValues(stored)) {
      assertThat(error.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void aSyntaxErrorInsideAKeyValueDoesNotEchoTheValue() {
    String secret = "c53O_ppAQoyjs2hgtgIv7R8uM0IT1FwBETTODlbT";
    String stored = "{\"keys\":[{\"kty\":\"oct\",\"k\":" + secret + "}]}";

    InvalidSigningKeysException error = catchThrowableOfType(InvalidSigningKeysException.class,
        () -> rotation.next(stored, null, spec(JwtAlgorithm.HS256, "720h", "15m")));

    assertThat(error.getMessage()).startsWith("jwks.json is not valid JSON").doesNotContain(secret);
    assertThat(error.toString()).doesNotContain(secret);
  }

  @Test
  void aDueRotationDoesNotOverrideTheRefusal() {
    JwksRotation aYearLater = new JwksRotation(new TestClock(CLOCK.instant().plus(Duration.ofDays(365))));
    String stored = edit(VALID, 1, key -> key.remove("kid"));

    InvalidSigningKeysException error = catchThrowableOfType(InvalidSigningKeysException.class,
        () -> aYearLater.next(stored, null, spec(JwtAlgorithm.EdDSA, "720h", "15m")));

    assertThat(error).isNotNull();
  }

  @Test
  void theValidSetsTheseCasesStartFromAreAccepted() {
    assertThat(rotation.next(VALID, null, spec(JwtAlgorithm.ES256, "720h", "15m")).jwksJson()).isSameAs(VALID);
    assertThat(rotation.next(VALID_HS256, null, spec(JwtAlgorithm.HS256, "720h", "15m")).jwksJson()).isSameAs(VALID_HS256);
    RotationResult withUpcoming = rotation.next(VALID_WITH_UPCOMING, WITH_UPCOMING.upcomingKey, spec(JwtAlgorithm.ES256, "1h", "1h"));
    assertThat(withUpcoming.jwksJson()).isSameAs(VALID_WITH_UPCOMING);
    assertThat(withUpcoming.upcomingKeyJson()).isSameAs(WITH_UPCOMING.upcomingKey);
    assertThat(RawJwks.keys(VALID_WITH_UPCOMING)).extracting(key -> key.containsKey(KeyTimestamps.ACTIVATES))
        .containsExactly(false, true, false);
  }

  /** An active key and one retired at {@code CLOCK} minus 10 minutes, after a publication ahead. */
  private static String validSet(JwtAlgorithm algorithm) {
    return storedAfter(algorithm, Duration.ofMinutes(70)).jwks;
  }

  /** An active key, the upcoming one published at {@code CLOCK}, and the one retired an hour before. */
  private static StoredKeys setWithUpcomingKey(JwtAlgorithm algorithm) {
    return storedAfter(algorithm, Duration.ofMinutes(115));
  }

  /** The keys of an app created {@code age} before {@code CLOCK} with a 1h period and TTL. */
  private static StoredKeys storedAfter(JwtAlgorithm algorithm, Duration age) {
    Instant end = CLOCK.instant();
    TestClock clock = new TestClock(end.minus(age));
    StoredKeys stored = new StoredKeys(new JwksRotation(clock));
    RotationResult result = stored.evaluate(spec(algorithm, "1h", "1h"));
    while (!result.nextChangeAt().isAfter(end)) {
      clock.set(result.nextChangeAt());
      result = stored.evaluate(spec(algorithm, "1h", "1h"));
    }
    clock.set(end);
    stored.evaluate(spec(algorithm, "1h", "1h"));
    return stored;
  }

  private static String swap(String jwksJson, int first, int second) {
    List<Map<String, Object>> keys = new ArrayList<>(RawJwks.keys(jwksJson));
    java.util.Collections.swap(keys, first, second);
    return RawJwks.withKeys(keys);
  }

  private static String withRetiredPrivateKey() {
    List<Map<String, Object>> keys = RawJwks.keys(VALID);
    keys.get(1).put("d", keys.get(0).get("d"));
    return RawJwks.withKeys(keys);
  }

  /** The private part of a key from another set, under this set's public part. */
  private static String withForeignPrivatePart() {
    Object foreignD = RawJwks.keys(validSet(JwtAlgorithm.ES256)).get(0).get("d");
    return edit(VALID, 0, key -> key.put("d", foreignD));
  }

  private static String edit(String jwksJson, int index, Consumer<Map<String, Object>> change) {
    List<Map<String, Object>> keys = new ArrayList<>();
    RawJwks.keys(jwksJson).forEach(key -> keys.add(new LinkedHashMap<>(key)));
    change.accept(keys.get(index));
    return RawJwks.withKeys(keys);
  }

  private static String kid(String jwksJson, int index) {
    return (String) RawJwks.keys(jwksJson).get(index).get("kid");
  }

  private static List<String> secretValues(String jwksJson) {
    if (!jwksJson.contains("\"keys\":[{")) {
      return List.of();
    }
    List<String> secrets = new ArrayList<>();
    for (Map<String, Object> key : RawJwks.keys(jwksJson)) {
      for (String member : List.of("d", "k")) {
        if (key.get(member) instanceof String value) {
          secrets.add(value);
        }
      }
    }
    return secrets;
  }
}
