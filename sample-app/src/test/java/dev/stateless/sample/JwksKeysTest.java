package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksKeysTest {

  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock();

  @Test
  void keysZeroSignsAndEveryKeyVerifiesWithItsOwnAlgorithm() throws Exception {
    TestKeys.TestKey active = TestKeys.es256("active");
    TestKeys.TestKey retiredEd = TestKeys.ed25519("retired-ed");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(active, retiredEd));
    JwksKeys keys = new JwksKeys(volume.file(), clock);

    assertThat(keys.signingKey().kid()).isEqualTo("active");
    assertThat(keys.signingKey().key()).isInstanceOf(PrivateKey.class);
    assertThat(keys.signingKey().algorithm().getId()).isEqualTo("ES256");
    assertThat(keys.kids()).containsExactlyInAnyOrder("active", "retired-ed");
    assertThat(keys.verificationKey("active").algorithm()).isEqualTo("ES256");
    assertThat(keys.verificationKey("active").key()).isInstanceOf(PublicKey.class).isEqualTo(active.verificationKey());
    assertThat(keys.verificationKey("retired-ed").algorithm()).isEqualTo("EdDSA");
    assertThat(keys.verificationKey("unknown")).isNull();
  }

  @Test
  void hs256SetsUseTheSecretForBoth() throws Exception {
    TestKeys.TestKey secret = TestKeys.hs256("hmac-1");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(secret, TestKeys.hs256("hmac-0")));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    assertThat(keys.signingKey().key()).isInstanceOf(SecretKey.class);
    assertThat(keys.signingKey().algorithm().getId()).isEqualTo("HS256");
    assertThat(keys.verificationKey("hmac-0").algorithm()).isEqualTo("HS256");
  }

  @Test
  void aSymlinkSwapIsPickedUpWithoutRestartAndListenersHear() throws Exception {
    TestKeys.TestKey first = TestKeys.es256("first");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(first));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    AtomicInteger changes = new AtomicInteger();
    keys.onChange(changes::incrementAndGet);

    TestKeys.TestKey second = TestKeys.ed25519("second");
    volume.rotate(TestKeys.jwks(second, first));
    assertThat(keys.signingKey().kid()).as("not re-checked within the interval").isEqualTo("first");

    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    assertThat(keys.signingKey().kid()).isEqualTo("second");
    assertThat(keys.signingKey().algorithm().getId()).isEqualTo("EdDSA");
    assertThat(keys.verificationKey("first")).isNotNull();
    assertThat(changes).hasValue(1);

    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    keys.signingKey();
    assertThat(changes).as("same content, no change").hasValue(1);
  }

  @Test
  void anUnknownKidTriggersAnEarlyCheck() throws Exception {
    TestKeys.TestKey first = TestKeys.es256("first");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(first));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    volume.rotate(TestKeys.jwks(TestKeys.es256("second"), first));
    clock.advance(Duration.ofMillis(150));
    assertThat(keys.verificationKey("second")).isNotNull();
  }

  @Test
  void aBrokenFileKeepsThePreviousKeys() throws Exception {
    TestKeys.TestKey first = TestKeys.es256("first");
    TestKeys.SecretVolume volume = new TestKeys.SecretVolume(dir.resolve("jwt"), TestKeys.jwks(first));
    JwksKeys keys = new JwksKeys(volume.file(), clock);
    volume.rotate("{\"keys\": [");
    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    assertThat(keys.signingKey().kid()).isEqualTo("first");
    volume.rotate("{\"keys\": [" + first.publicJwk() + "]}"); // no private part: cannot sign
    clock.advance(JwksKeys.CHECK_INTERVAL.plusMillis(1));
    assertThat(keys.signingKey().kid()).isEqualTo("first");
    assertThat(keys.signingKey().key()).isInstanceOf(PrivateKey.class);
  }

  @Test
  void startupRefusesUnusableFiles() throws Exception {
    Path file = dir.resolve("jwks.json");
    assertThatThrownBy(() -> new JwksKeys(file, clock)).hasMessageContaining("cannot read");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> new JwksKeys(file, clock)).hasMessageContaining("not JSON");
    Files.writeString(file, "{\"keys\": []}");
    assertThatThrownBy(() -> new JwksKeys(file, clock)).hasMessageContaining("keys[0]");
    Files.writeString(file, TestKeys.jwks(TestKeys.es256("a")).replace("\"ES256\"", "\"RS256\""));
    assertThatThrownBy(() -> new JwksKeys(file, clock)).hasMessageContaining("keys[0]");
  }
}
