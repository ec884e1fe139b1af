package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {

  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock();

  private TestKeys.TestKey key(String algorithm, String kid) {
    return switch (algorithm) {
      case "ES256" -> TestKeys.es256(kid);
      case "EdDSA" -> TestKeys.ed25519(kid);
      default -> TestKeys.hs256(kid);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "EdDSA", "HS256"})
  void issuesAndVerifiesWithEachSupportedAlgorithm(String algorithm) throws Exception {
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(key(algorithm, "k1")));
    TokenService tokens = new TokenService(new JwksKeys(volume.file(), clock), "iss", Duration.ofMinutes(15), clock);
    TokenService.IssuedToken issued = tokens.issue("alice", "family-1");
    TokenService.AccessToken verified = tokens.verify(issued.compact());
    assertThat(verified.subject()).isEqualTo("alice");
    assertThat(verified.sessionFamily()).isEqualTo("family-1");
    assertThat(verified.kid()).isEqualTo("k1");
    assertThat(verified.tokenId()).isEqualTo(issued.claims().tokenId());
    assertThat(verified.expiresAt()).isEqualTo(issued.claims().expiresAt());
  }

  @Test
  void aRememberedTokenStillExpires() throws Exception {
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(TestKeys.es256("k1")));
    TokenService tokens = new TokenService(new JwksKeys(volume.file(), clock), "iss", Duration.ofMinutes(15), clock);
    String token = tokens.issue("alice", "f").compact();
    tokens.verify(token);
    clock.advance(Duration.ofMinutes(16));
    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidTokenException.class)
        .hasMessage("token expired");
  }

  /**
   * The operator publishes the next key ahead of its activation, right after keys[0], with an
   * activation time: a replica still reading that set accepts the tokens of a replica that already
   * reads the rotated one, and itself keeps signing with keys[0].
   */
  @ParameterizedTest
  @ValueSource(strings = {"ES256", "EdDSA", "HS256"})
  void aTokenOfTheUpcomingKeyVerifiesOnAReplicaThatHasNotSeenTheRotation(String algorithm) throws Exception {
    TestKeys.TestKey current = key(algorithm, "2026-11-28T05-45-00Z");
    TestKeys.TestKey upcoming = key(algorithm, "2026-12-28T05-40-00Z");
    String publishedAhead = "{\"keys\":[" + current.privateJwk() + ","
        + upcoming.publicJwk().replaceFirst("\\{", "{\"stateless.dev/created\":\"2026-12-28T05:40:00Z\","
            + "\"stateless.dev/activates\":\"2026-12-28T05:45:00Z\",") + "]}";
    TestKeys.SecretVolume behind = new TestKeys.SecretVolume(dir.resolve("behind"), publishedAhead);
    TestKeys.SecretVolume ahead = new TestKeys.SecretVolume(dir.resolve("ahead"), TestKeys.jwks(upcoming, current));
    TokenService lagging = new TokenService(new JwksKeys(behind.file(), clock), "iss", Duration.ofMinutes(15), clock);
    TokenService rotated = new TokenService(new JwksKeys(ahead.file(), clock), "iss", Duration.ofMinutes(15), clock);

    String signedWithTheNewKey = rotated.issue("alice", "f").compact();

    assertThat(lagging.verify(signedWithTheNewKey).kid()).isEqualTo(upcoming.kid());
    assertThat(lagging.issue("bob", "g").claims().kid()).as("only keys[0] signs").isEqualTo(current.kid());
    assertThat(rotated.verify(lagging.issue("bob", "g").compact()).kid()).isEqualTo(current.kid());
  }

  @Test
  void aKeyDroppedFromTheSetStopsVerifyingEvenRememberedTokens() throws Exception {
    TestKeys.TestKey first = TestKeys.es256("first");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(first));
    TokenService tokens = new TokenService(new JwksKeys(volume.file(), clock), "iss", Duration.ofMinutes(15), clock);
    String token = tokens.issue("alice", "f").compact();
    tokens.verify(token);

    TestKeys.TestKey second = TestKeys.es256("second");
    volume.rotate(TestKeys.jwks(second, first));
    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    assertThat(tokens.verify(token).kid()).as("retired but still published").isEqualTo("first");
    assertThat(tokens.issue("alice", "f").claims().kid()).isEqualTo("second");

    volume.rotate(TestKeys.jwks(second));
    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidTokenException.class);
  }

  /** Nothing but the remembered token is used: no signing, no unknown kid, to re-read the file on the way. */
  @Test
  void aRememberedTokenStopsVerifyingOnceItsKeyLeavesTheFile() throws Exception {
    TestKeys.TestKey first = TestKeys.es256("first");
    TestKeys.TestKey second = TestKeys.es256("second");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(first, second));
    TokenService tokens = new TokenService(new JwksKeys(volume.file(), clock), "iss", Duration.ofMinutes(15), clock);
    String token = tokens.issue("alice", "f").compact();
    assertThat(tokens.verify(token).kid()).isEqualTo("first");

    volume.rotate(TestKeys.jwks(second));
    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));

    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidTokenException.class);
  }

  @Test
  void aTokenForAnotherIssuerIsRejected() throws Exception {
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(TestKeys.es256("k1")));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    String foreign = new TokenService(keys, "other", Duration.ofMinutes(15), clock).issue("alice", "f").compact();
    TokenService ours = new TokenService(keys, "ours", Duration.ofMinutes(15), clock);
    assertThatThrownBy(() -> ours.verify(foreign)).isInstanceOf(TokenService.InvalidTokenException.class);
  }
}
