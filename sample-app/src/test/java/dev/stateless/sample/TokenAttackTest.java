package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Forged, altered and stale tokens presented to {@code GET /api/me}: every one must be a 401. The
 * control case proves the forging helpers make tokens the app would otherwise accept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAttackTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private InProcessApp app;
  private ApiClient api;
  private InProcessApp.Login victim;

  @BeforeAll
  void start() {
    app = new InProcessApp();
    api = app.client;
    victim = app.newUser();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void controlATokenSignedWithTheActiveKeyAndProperClaimsIsAccepted() {
    String token = claims(app.signingKey.kid(), InProcessApp.ISSUER, Instant.now().plusSeconds(300))
        .signWith(app.signingKey.signingKey()).compact();
    assertThat(api.get("/api/me", ApiClient.bearer(token)).status()).isEqualTo(200);
  }

  /** Signed with our key, but for a login Redis does not hold (never made, ended, or lost with Redis's data). */
  @Test
  void aWellSignedTokenOfALoginRedisDoesNotKnowIsRefused() {
    String token = claims(app.signingKey.kid(), InProcessApp.ISSUER, Instant.now().plusSeconds(300))
        .claim("sid", UUID.randomUUID().toString()).signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(token);
  }

  @Test
  void unsignedTokenWithAlgNoneIsRejected() {
    String header = b64("{\"alg\":\"none\",\"kid\":\"" + app.signingKey.kid() + "\"}");
    String payload = b64(payloadJson(InProcessApp.ISSUER, Instant.now().plusSeconds(300)));
    assertUnauthorized(header + "." + payload + ".");
    assertUnauthorized(header + "." + payload);
    String noneWithoutKid = b64("{\"alg\":\"none\"}") + "." + payload + ".";
    assertUnauthorized(noneWithoutKid);
  }

  @Test
  void tamperedPayloadIsRejected() {
    String[] parts = victim.accessToken().split("\\.");
    String forgedPayload = b64(payloadJson(InProcessApp.ISSUER, Instant.now().plusSeconds(300)).replace(victim.username(), "admin"));
    assertUnauthorized(parts[0] + "." + forgedPayload + "." + parts[2]);
    String flippedSignature = parts[2].substring(0, parts[2].length() - 2) + (parts[2].endsWith("AA") ? "BB" : "AA");
    assertUnauthorized(parts[0] + "." + parts[1] + "." + flippedSignature);
  }

  @Test
  void expiredTokenIsRejected() {
    String token = claims(app.signingKey.kid(), InProcessApp.ISSUER, Instant.now().minus(Duration.ofMinutes(5)))
        .issuedAt(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
        .signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(token);
  }

  @Test
  void tokenWithoutExpiryIsRejected() {
    String token = Jwts.builder().header().keyId(app.signingKey.kid()).and()
        .subject(victim.username()).id(UUID.randomUUID().toString()).issuer(InProcessApp.ISSUER)
        .claim("sid", "family").signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(token);
  }

  @Test
  void unknownKidIsRejected() {
    TestKeys.TestKey stranger = TestKeys.es256("not-in-the-set");
    String token = claims(stranger.kid(), InProcessApp.ISSUER, Instant.now().plusSeconds(300))
        .signWith(stranger.signingKey()).compact();
    assertUnauthorized(token);
    String noKid = Jwts.builder().subject(victim.username()).issuer(InProcessApp.ISSUER)
        .id(UUID.randomUUID().toString()).claim("sid", "f").expiration(Date.from(Instant.now().plusSeconds(300)))
        .signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(noKid);
  }

  @Test
  void knownKidWithAForeignKeyIsRejected() {
    TestKeys.TestKey impostor = TestKeys.es256(app.signingKey.kid());
    String token = claims(impostor.kid(), InProcessApp.ISSUER, Instant.now().plusSeconds(300))
        .signWith(impostor.signingKey()).compact();
    assertUnauthorized(token);
  }

  @Test
  void hs256ForgedWithThePublicKeyAsSecretIsRejected() throws Exception {
    // Algorithm confusion: a verifier that trusted the header's alg would check this HMAC with the
    // (public) verification key as the secret. Try the key's DER encoding and its JWK text.
    byte[][] secrets = {
        app.signingKey.verificationKey().getEncoded(),
        app.signingKey.publicJwk().getBytes(StandardCharsets.UTF_8),
    };
    for (byte[] secret : secrets) {
      String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + app.signingKey.kid() + "\"}");
      String payload = b64(payloadJson(InProcessApp.ISSUER, Instant.now().plusSeconds(300)));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String signature = B64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
      assertUnauthorized(header + "." + payload + "." + signature);
    }
  }

  @Test
  void algorithmOtherThanTheKeysOwnIsRejected() {
    String header = b64("{\"alg\":\"ES384\",\"kid\":\"" + app.signingKey.kid() + "\"}");
    String payload = b64(payloadJson(InProcessApp.ISSUER, Instant.now().plusSeconds(300)));
    assertUnauthorized(header + "." + payload + "." + victim.accessToken().split("\\.")[2]);
  }

  @Test
  void revokedTokenIsRejected() {
    InProcessApp.Login login = app.newUser();
    assertThat(api.get("/api/me", login.bearer()).status()).isEqualTo(200);
    assertThat(api.postJson("/api/logout", "", login.bearer()).status()).isEqualTo(204);
    assertUnauthorized(login.accessToken());
  }

  @Test
  void tokenFromAnotherIssuerIsRejected() {
    String token = claims(app.signingKey.kid(), "https://evil.example", Instant.now().plusSeconds(300))
        .signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(token);
    String noIssuer = Jwts.builder().header().keyId(app.signingKey.kid()).and()
        .subject(victim.username()).id(UUID.randomUUID().toString()).claim("sid", "f")
        .expiration(Date.from(Instant.now().plusSeconds(300)))
        .signWith(app.signingKey.signingKey()).compact();
    assertUnauthorized(noIssuer);
  }

  @Test
  void garbageIsRejected() {
    for (String garbage : new String[] {"", "x", "a.b.c", "....", "Zm9v.YmFy.YmF6", "\u00e9.\u00e9.\u00e9"}) {
      assertUnauthorized(garbage);
    }
  }

  private void assertUnauthorized(String token) {
    ApiClient.Reply reply = api.get("/api/me", ApiClient.bearer(token));
    assertThat(reply.status()).as("token %s", token).isEqualTo(401);
    assertThat(reply.json().get("error").asText()).isEqualTo("unauthorized");
  }

  /** The victim's claims, in the victim's real login, so that each attack is refused for its own flaw. */
  private JwtBuilder claims(String kid, String issuer, Instant expiresAt) {
    return Jwts.builder().header().keyId(kid).and()
        .subject(victim.username())
        .id(UUID.randomUUID().toString())
        .issuer(issuer)
        .issuedAt(new Date())
        .expiration(Date.from(expiresAt))
        .claim("sid", victim.family());
  }

  private String payloadJson(String issuer, Instant expiresAt) {
    return "{\"sub\":\"" + victim.username() + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iss\":\"" + issuer
        + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond()
        + ",\"sid\":\"" + UUID.randomUUID() + "\"}";
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

}
