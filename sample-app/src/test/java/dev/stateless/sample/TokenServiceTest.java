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

  @Test
  void aTokenForAnotherIssuerIsRejected() throws Exception {
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(TestKeys.es256("k1")));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    String foreign = new TokenService(keys, "other", Duration.ofMinutes(15), clock).issue("alice", "f").compact();
    TokenService ours = new TokenService(keys, "ours", Duration.ofMinutes(15), clock);
    assertThatThrownBy(() -> ours.verify(foreign)).isInstanceOf(TokenService.InvalidTokenException.class);
  }
}
