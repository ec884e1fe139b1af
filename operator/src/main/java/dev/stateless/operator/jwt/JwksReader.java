package dev.stateless.operator.jwt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stateless.api.v1alpha1.JwtAlgorithm;
import io.jsonwebtoken.io.Deserializer;
import io.jsonwebtoken.jackson.io.JacksonDeserializer;
import io.jsonwebtoken.security.EcPrivateJwk;
import io.jsonwebtoken.security.EcPublicJwk;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPrivateJwk;
import io.jsonwebtoken.security.OctetPublicJwk;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stored JWKS back into keys with their lifecycle times, and refuses anything the
 * operator did not write itself: every problem becomes an {@link InvalidSigningKeysException},
 * because acting on a set it does not understand could throw away keys that live tokens need.
 *
 * <p>The shapes it writes: keys[0] the active key, with its private part; then at most one
 * upcoming key, right after it, public (or, for HS256, symmetric like every HS256 key), with an
 * activation time and no retirement time; then retired keys, public, with a retirement time.
 */
final class JwksReader {

  private final Deserializer<Object> json = new JacksonDeserializer<>();

  List<PublishedKey> read(String jwksJson) {
    if (jwksJson.isBlank()) {
      throw invalid("jwks.json is empty");
    }
    List<Map<?, ?>> rawKeys = rawKeys(jwksJson);
    SecretValues secrets = new SecretValues();
    rawKeys.forEach(secrets::collectFrom);
    List<String> kids = checkMembers(rawKeys);
    Map<String, Jwk<?>> parsed = parseWithJjwt(jwksJson, secrets);

    List<PublishedKey> keys = new ArrayList<>();
    for (int index = 0; index < kids.size(); index++) {
      Jwk<?> jwk = parsed.get(kids.get(index));
      if (jwk == null) {
        throw invalid(where(index, kids.get(index)) + " was not accepted by the JWK parser");
      }
      keys.add(toPublishedKey(index, jwk));
    }
    checkActiveKeyPair(keys.get(0));
    return keys;
  }

  /** The shape every JWKS has, checked on the raw JSON so messages can point at the input. */
  private List<Map<?, ?>> rawKeys(String jwksJson) {
    Object document;
    try {
      document = json.deserialize(new StringReader(jwksJson));
    } catch (RuntimeException e) {
      // Only the position: the parser's own message quotes the offending token, which may be a key.
      throw invalid("jwks.json is not valid JSON" + position(e));
    }
    if (!(document instanceof Map<?, ?> set)) {
      throw invalid("jwks.json is not a JSON object");
    }
    if (!(set.get("keys") instanceof List<?> keys)) {
      throw invalid("jwks.json has no 'keys' array");
    }
    if (keys.isEmpty()) {
      throw invalid("jwks.json has no keys");
    }
    List<Map<?, ?>> rawKeys = new ArrayList<>();
    for (int index = 0; index < keys.size(); index++) {
      if (!(keys.get(index) instanceof Map<?, ?> key)) {
        throw invalid("keys[" + index + "] is not a JSON object");
      }
      rawKeys.add(key);
    }
    return rawKeys;
  }

  /** Members the contract requires on every key; returns the kids in order. */
  private static List<String> checkMembers(List<Map<?, ?>> rawKeys) {
    List<String> kids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long upcoming = rawKeys.stream().filter(key -> key.containsKey(KeyTimestamps.ACTIVATES)).count();
    if (upcoming > 1) {
      throw invalid("jwks.json has " + upcoming + " upcoming keys (with '" + KeyTimestamps.ACTIVATES + "'); at most one is allowed");
    }
    for (int index = 0; index < rawKeys.size(); index++) {
      Map<?, ?> key = rawKeys.get(index);
      if (!(key.get("kid") instanceof String kid) || kid.isBlank()) {
        throw invalid("keys[" + index + "] has no 'kid'");
      }
      if (!seen.add(kid)) {
        throw invalid(where(index, kid) + " repeats a kid used earlier in the set");
      }
      if (!SigningKeyGenerator.SIGNATURE_USE.equals(key.get("use"))) {
        throw invalid(where(index, kid) + " is not a signing key ('use' must be 'sig')");
      }
      if (!(key.get("alg") instanceof String alg) || !isSupported(alg)) {
        throw invalid(where(index, kid) + " has no supported 'alg' (ES256, EdDSA or HS256)");
      }
      kids.add(kid);
    }
    return kids;
  }

  /**
   * jjwt checks the key material itself (curve points, encodings, and the 256 bits RFC 7518 asks
   * of an HS256 key, given the 'alg' checked above). Unsupported keys are
   * not ignored, which is jjwt's default: a key silently dropped here would be dropped from the
   * Secret at the next write.
   */
  private static Map<String, Jwk<?>> parseWithJjwt(String jwksJson, SecretValues secrets) {
    JwkSet set;
    try {
      set = Jwks.setParser().ignoreUnsupported(false).build().parse(jwksJson);
    } catch (RuntimeException e) {
      throw invalid("jwks.json is not a valid JWK Set: " + secrets.scrub(e.getMessage()));
    }
    // By kid, not by position: the parsed keys come as a Set, and order is the contract here.
    Map<String, Jwk<?>> byKid = new HashMap<>();
    for (Jwk<?> jwk : set) {
      byKid.put(jwk.getId(), jwk);
    }
    return byKid;
  }

  private static PublishedKey toPublishedKey(int index, Jwk<?> jwk) {
    String where = where(index, jwk.getId());
    JwtAlgorithm algorithm = JwtAlgorithm.valueOf(jwk.getAlgorithm());
    if (!hasKeyTypeOf(algorithm, jwk)) {
      throw invalid(where + " is not " + expectedKeyType(algorithm) + " key, as its 'alg' requires");
    }
    boolean active = index == 0;
    boolean canSign = jwk instanceof PrivateJwk || jwk instanceof SecretJwk;
    if (active && !canSign) {
      throw invalid(where + " is the active key but has no private part to sign with");
    }
    if (!active && jwk instanceof PrivateJwk) {
      throw invalid(where + " has a private part, which only the active key keys[0] may have");
    }
    Instant created = time(where, jwk, KeyTimestamps.CREATED, true);
    Instant activated = time(where, jwk, KeyTimestamps.ACTIVATED, false);
    Instant activates = time(where, jwk, KeyTimestamps.ACTIVATES, false);
    Instant retired = time(where, jwk, KeyTimestamps.RETIRED, false);
    if (active) {
      if (activates != null) {
        throw invalid(where + " is the active key but has a '" + KeyTimestamps.ACTIVATES + "' time");
      }
      if (retired != null) {
        throw invalid(where + " is the active key but has a '" + KeyTimestamps.RETIRED + "' time");
      }
      return new PublishedKey(jwk, created, activated, null, null);
    }
    if (activates != null) {
      // Published right after keys[0], so the set reads in the order the keys sign.
      if (index != 1) {
        throw invalid(where + " is an upcoming key (with '" + KeyTimestamps.ACTIVATES + "') but not keys[1]");
      }
      if (retired != null || activated != null) {
        throw invalid(where + " is an upcoming key but has a '"
            + (retired != null ? KeyTimestamps.RETIRED : KeyTimestamps.ACTIVATED) + "' time");
      }
      return new PublishedKey(jwk, created, null, activates, null);
    }
    if (retired == null) {
      throw invalid(where + " is not the active key but has no '" + KeyTimestamps.RETIRED + "' time (RFC 3339)");
    }
    return new PublishedKey(jwk, created, activated, null, retired);
  }

  /** The lifecycle time {@code member}, which must be RFC 3339 UTC when present. */
  private static Instant time(String where, Jwk<?> jwk, String member, boolean required) {
    Object value = jwk.get(member);
    if (value == null && !required) {
      return null;
    }
    Instant time = KeyTimestamps.parseOrNull(value);
    if (time == null) {
      throw invalid(where + (required ? " has no '" : " has a malformed '") + member + "' time (RFC 3339)");
    }
    return time;
  }

  /** See {@link KeyPairCheck}: jjwt does not check that a private part belongs to its public part. */
  private static void checkActiveKeyPair(PublishedKey active) {
    if (!(active.jwk() instanceof PrivateJwk<?, ?, ?> privateJwk)) {
      return;
    }
    if (!KeyPairCheck.matches((PrivateKey) privateJwk.toKey(), (PublicKey) privateJwk.toPublicJwk().toKey())) {
      throw invalid(where(0, active.id()) + " has a private part that does not match its public part");
    }
  }

  private static boolean isSupported(String alg) {
    for (JwtAlgorithm algorithm : JwtAlgorithm.values()) {
      if (algorithm.name().equals(alg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasKeyTypeOf(JwtAlgorithm algorithm, Jwk<?> jwk) {
    return switch (algorithm) {
      case ES256 -> (jwk instanceof EcPublicJwk || jwk instanceof EcPrivateJwk) && "P-256".equals(jwk.get("crv"));
      case EdDSA -> (jwk instanceof OctetPublicJwk || jwk instanceof OctetPrivateJwk) && "Ed25519".equals(jwk.get("crv"));
      case HS256 -> jwk instanceof SecretJwk;
    };
  }

  private static String expectedKeyType(JwtAlgorithm algorithm) {
    return switch (algorithm) {
      case ES256 -> "a P-256 'EC'";
      case EdDSA -> "an Ed25519 'OKP'";
      case HS256 -> "a symmetric 'oct'";
    };
  }

  private static String position(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException parse && parse.getLocation() != null) {
        JsonLocation location = parse.getLocation();
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      }
    }
    return "";
  }

  private static String where(int index, String kid) {
    return "keys[" + index + "] (kid '" + kid + "')";
  }

  private static InvalidSigningKeysException invalid(String message) {
    return new InvalidSigningKeysException(message);
  }
}
