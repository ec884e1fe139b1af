package dev.stateless.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecretJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing and verification keys of the mounted JWKS file. {@code keys[0]} signs; every key
 * verifies the tokens of its own algorithm only.
 *
 * <p>Kubernetes updates a Secret volume by swapping its {@code ..data} symlink, so the file's real
 * path, modification time and size are checked at most once per {@link #CHECK_INTERVAL} on the
 * request path (no watcher thread), and the file is parsed again only when its bytes changed. A
 * token with an unknown {@code kid} triggers an earlier check, so a replica that has not yet seen a
 * rotation catches up on the first token signed with the new key. A file that cannot be parsed
 * (for example half written) keeps the previous keys in service.
 */
final class JwksKeys {

  static final Set<String> SUPPORTED_ALGORITHMS = Set.of("ES256", "EdDSA", "HS256");
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Duration UNKNOWN_KID_CHECK_INTERVAL = Duration.ofMillis(100);
  private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

  /** One key of the set, bound to the one algorithm its JWK declares. */
  record VerificationKey(String kid, String algorithm, Key key) {}

  /** The active key: its id goes into the {@code kid} header of every token signed with it. */
  record SigningKey(String kid, Key key, SecureDigestAlgorithm<Key, ?> algorithm) {}

  /** One parsed version of the file. */
  record KeySet(SigningKey signing, Map<String, VerificationKey> byKid, byte[] digest) {}

  private record FileStamp(Path realPath, long modifiedMillis, long size) {}

  private final Path file;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock reloading = new ReentrantLock();
  private volatile KeySet current;
  private volatile FileStamp stamp;
  /** Epoch millis of the last look at the file: a long, so the per-request check allocates nothing. */
  private volatile long lastCheckMillis;
  private volatile Runnable onChange = () -> { };

  JwksKeys(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.stamp = stampOf(file);
    this.current = parse(read(file));
    this.lastCheckMillis = clock.millis();
  }

  /** Called after a new version of the file was loaded, e.g. to drop results verified with old keys. */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  SigningKey signingKey() {
    return fresh(CHECK_INTERVAL).signing();
  }

  /**
   * The key set in service, re-checked against the file at most once per {@link #CHECK_INTERVAL}:
   * a new object whenever the file's keys changed, so it can tell results obtained with an older set.
   */
  KeySet current() {
    return fresh(CHECK_INTERVAL);
  }

  /** The key for {@code kid}, or null when the set (even re-read) has none. */
  VerificationKey verificationKey(String kid) {
    VerificationKey key = fresh(CHECK_INTERVAL).byKid().get(kid);
    return key != null ? key : fresh(UNKNOWN_KID_CHECK_INTERVAL).byKid().get(kid);
  }

  Set<String> kids() {
    return fresh(CHECK_INTERVAL).byKid().keySet();
  }

  private KeySet fresh(Duration maxAge) {
    long now = clock.millis();
    if (now - lastCheckMillis < maxAge.toMillis() || !reloading.tryLock()) {
      return current;
    }
    try {
      lastCheckMillis = now;
      FileStamp seen = stampOf(file);
      if (seen != null && !seen.equals(stamp)) {
        KeySet loaded = parse(read(file));
        stamp = seen;
        if (!MessageDigest.isEqual(loaded.digest(), current.digest())) {
          current = loaded;
          log.info("JWKS reloaded: active key {}, {} keys", loaded.signing().kid(), loaded.byKid().size());
          onChange.run();
        }
      }
    } catch (RuntimeException e) {
      // A half-written or broken file must not take the app down: keep serving the last good keys.
      log.warn("JWKS file {} not reloaded, keeping the previous keys: {}", file, e.getMessage());
    } finally {
      reloading.unlock();
    }
    return current;
  }

  private static FileStamp stampOf(Path file) {
    try {
      Path real = file.toRealPath();
      BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
      return new FileStamp(real, attributes.lastModifiedTime().toMillis(), attributes.size());
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read JWKS file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses with jjwt's JWK set parser; the order of {@code keys}, which a set does not keep, comes from the JSON. */
  private KeySet parse(byte[] bytes) {
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    JsonNode keys;
    try {
      keys = json.readTree(text).path("keys");
    } catch (IOException e) {
      throw new IllegalStateException("JWKS file is not JSON");
    }
    String activeKid = keys.path(0).path("kid").asText(null);
    if (activeKid == null) {
      throw new IllegalStateException("JWKS file has no keys[0].kid");
    }
    JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(text);
    Map<String, VerificationKey> byKid = new HashMap<>();
    Key activePrivate = null;
    String activeAlgorithm = null;
    for (Jwk<?> jwk : set.getKeys()) {
      String kid = jwk.getId();
      String algorithm = jwk.getAlgorithm();
      if (kid == null || !SUPPORTED_ALGORITHMS.contains(algorithm)) {
        continue; // a key we cannot bind to one supported algorithm must never verify anything
      }
      Key verifying;
      if (jwk instanceof PrivateJwk<?, ?, ?> privateJwk) {
        verifying = ((PublicJwk<?>) privateJwk.toPublicJwk()).toKey();
      } else if (jwk instanceof PublicJwk<?> || jwk instanceof SecretJwk) {
        verifying = jwk.toKey();
      } else {
        continue;
      }
      byKid.put(kid, new VerificationKey(kid, algorithm, verifying));
      if (kid.equals(activeKid)) {
        activeAlgorithm = algorithm;
        activePrivate = jwk instanceof PrivateJwk<?, ?, ?> || jwk instanceof SecretJwk ? jwk.toKey() : null;
      }
    }
    if (activePrivate == null) {
      throw new IllegalStateException("keys[0] (" + activeKid + ") is not a usable private or secret key");
    }
    @SuppressWarnings("unchecked")
    SecureDigestAlgorithm<Key, ?> algorithm =
        (SecureDigestAlgorithm<Key, ?>) Jwts.SIG.get().forKey(activeAlgorithm);
    return new KeySet(new SigningKey(activeKid, activePrivate, algorithm), Map.copyOf(byKid), sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
