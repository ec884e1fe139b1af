package dev.stateless.sample;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

/** Signing keys and JWKS files as the operator writes them: keys[0] private, the others public. */
final class TestKeys {

  /** One generated key: what signs, what verifies, and its two JWK forms. */
  record TestKey(String kid, String algorithm, Key signingKey, Key verificationKey, String privateJwk, String publicJwk) {}

  private TestKeys() {
  }

  static TestKey es256(String kid) {
    KeyPair pair = Jwts.SIG.ES256.keyPair().build();
    return asymmetric(kid, "ES256", pair);
  }

  static TestKey ed25519(String kid) {
    KeyPair pair = Jwks.CRV.Ed25519.keyPair().build();
    return asymmetric(kid, "EdDSA", pair);
  }

  static TestKey hs256(String kid) {
    SecretKey secret = Jwts.SIG.HS256.key().build();
    SecretJwk jwk = Jwks.builder().key(secret).id(kid).algorithm("HS256").add("use", "sig").build();
    String json = Jwks.UNSAFE_JSON(jwk);
    return new TestKey(kid, "HS256", secret, secret, json, json);
  }

  private static TestKey asymmetric(String kid, String algorithm, KeyPair pair) {
    PrivateJwk<?, ?, ?> jwk = (PrivateJwk<?, ?, ?>) Jwks.builder().keyPair(pair)
        .id(kid).algorithm(algorithm).publicKeyUse("sig").build();
    return new TestKey(kid, algorithm, pair.getPrivate(), pair.getPublic(),
        Jwks.UNSAFE_JSON(jwk), Jwks.json(jwk.toPublicJwk()));
  }

  /** A JWKS document: {@code active} with its private part first, then {@code retired} public keys. */
  static String jwks(TestKey active, TestKey... retired) {
    List<String> keys = new ArrayList<>();
    keys.add(active.privateJwk());
    for (TestKey key : retired) {
      keys.add(key.publicJwk());
    }
    return "{\"keys\":[" + String.join(",", keys) + "]}";
  }

  /**
   * A Secret volume as the kubelet lays it out: {@code jwks.json -> ..data/jwks.json} and
   * {@code ..data -> ..<version>}. {@link #rotate} swaps {@code ..data} atomically, as the kubelet does.
   */
  static final class SecretVolume {
    private final Path dir;
    private int version;

    SecretVolume(Path dir, String jwks) throws IOException {
      this.dir = dir;
      Files.createDirectories(dir);
      publish(jwks);
      Files.createSymbolicLink(dir.resolve("jwks.json"), Path.of("..data", "jwks.json"));
    }

    Path file() {
      return dir.resolve("jwks.json");
    }

    void rotate(String jwks) throws IOException {
      publish(jwks);
    }

    private void publish(String jwks) throws IOException {
      version++;
      Path versionDir = dir.resolve("..v" + version);
      Files.createDirectories(versionDir);
      Files.writeString(versionDir.resolve("jwks.json"), jwks);
      Path link = dir.resolve("..data_tmp");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, versionDir.getFileName());
      Files.move(link, dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
