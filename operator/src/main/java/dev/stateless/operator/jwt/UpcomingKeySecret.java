package dev.stateless.operator.jwt;

import io.jsonwebtoken.io.Serializer;
import io.jsonwebtoken.jackson.io.JacksonSerializer;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecretJwk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * The signing form of the upcoming key, kept apart from the mounted JWKS until its activation (in
 * the Secret {@code <app>-jwt-next}) so that keys[0] stays the only private key in
 * {@code jwks.json}.
 *
 * <p>Reading it never fails: a missing, unreadable or foreign key simply is not the upcoming key's
 * signing part, and the caller publishes a fresh upcoming key rather than promote a key it cannot
 * sign with.
 */
final class UpcomingKeySecret {

  // Writes the private members that toString() and Jwks.json() redact: this is where they live.
  private final Serializer<Map<String, ?>> serializer = new JacksonSerializer<>();

  /** The JSON of a generated key, private part included. */
  String write(PublishedKey generated) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    serializer.serialize(generated.jwk(), json);
    return json.toString(StandardCharsets.UTF_8);
  }

  /**
   * @param storedJson what {@code <app>-jwt-next} holds, or null when there is nothing
   * @return the signing JWK in {@code storedJson} when it is exactly the private part of
   *     {@code upcoming} (same kid, algorithm and key); empty otherwise
   */
  Optional<Jwk<?>> signingPartOf(PublishedKey upcoming, String storedJson) {
    if (storedJson == null || storedJson.isBlank()) {
      return Optional.empty();
    }
    Jwk<?> stored;
    try {
      stored = Jwks.parser().build().parse(storedJson);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    boolean sameKey = upcoming.id().equals(stored.getId())
        && upcoming.algorithm().equals(stored.getAlgorithm())
        && belongsTo(stored, upcoming.jwk());
    return sameKey ? Optional.of(stored) : Optional.empty();
  }

  private static boolean belongsTo(Jwk<?> signing, Jwk<?> published) {
    if (signing instanceof SecretJwk secret && published instanceof SecretJwk publishedSecret) {
      return MessageDigest.isEqual(secret.toKey().getEncoded(), publishedSecret.toKey().getEncoded());
    }
    if (signing instanceof PrivateJwk<?, ?, ?> privateJwk && published instanceof PublicJwk<?> publicJwk) {
      PublicKey publicKey = (PublicKey) publicJwk.toKey();
      return publicKey.equals(privateJwk.toPublicJwk().toKey())
          && KeyPairCheck.matches((PrivateKey) privateJwk.toKey(), publicKey);
    }
    return false;
  }
}
