package dev.stateless.sample;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues access tokens signed with the active JWKS key and verifies presented ones.
 *
 * <p>Verification picks the key by {@code kid}, accepts a token only when its {@code alg} is the
 * one that key's JWK declares (so a public key can never be used as an HMAC secret), requires the
 * issuer and a future {@code exp}, and refuses unsigned tokens (jjwt's default). Revocation is the
 * caller's business ({@link RevocationList}).
 *
 * <p>A signature check (ES256 or EdDSA) costs far more than the rest of a request, so the outcome
 * is remembered per exact token string until the token expires or the key set changes; {@code exp}
 * is still compared on every request.
 */
final class TokenService {

  /** What a valid access token says. */
  record AccessToken(String subject, String tokenId, String sessionFamily, Instant expiresAt, String kid) {}

  /** A freshly signed token and what it carries. */
  record IssuedToken(String compact, AccessToken claims) {}

  static final class InvalidTokenException extends RuntimeException {
    InvalidTokenException(String message) {
      super(message, null, false, false);
    }
  }

  private static final String SESSION_FAMILY_CLAIM = "sid";
  private static final int MAX_REMEMBERED = 50_000;
  private static final long CLOCK_SKEW_SECONDS = 30;

  private final JwksKeys keys;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock;
  private final JwtParser parser;
  private final ConcurrentHashMap<VerifiedKey, Remembered> verified = new ConcurrentHashMap<>();

  TokenService(JwksKeys keys, String issuer, Duration ttl, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.ttl = ttl;
    this.clock = clock;
    this.parser = Jwts.parser()
        .keyLocator(new KeyByKid())
        .requireIssuer(issuer)
        .clockSkewSeconds(CLOCK_SKEW_SECONDS)
        .clock(() -> Date.from(clock.instant()))
        .build();
    // Results of an older key set are never used (see verify); this frees them at once.
    keys.onChange(verified::clear);
  }

  Duration ttl() {
    return ttl;
  }

  IssuedToken issue(String subject, String sessionFamily) {
    JwksKeys.SigningKey signing = keys.signingKey();
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // JWT times are seconds
    Instant expiresAt = now.plus(ttl);
    String tokenId = OpaqueTokens.id();
    String compact = Jwts.builder()
        .header().keyId(signing.kid()).and()
        .subject(subject)
        .id(tokenId)
        .issuer(issuer)
        .issuedAt(Date.from(now))
        .expiration(Date.from(expiresAt))
        .claim(SESSION_FAMILY_CLAIM, sessionFamily)
        .signWith(signing.key(), signing.algorithm())
        .compact();
    return new IssuedToken(compact, new AccessToken(subject, tokenId, sessionFamily, expiresAt, signing.kid()));
  }

  /**
   * The token's claims, or {@link InvalidTokenException} for anything not issued by us and still valid.
   *
   * <p>A remembered result counts only while the key set it was obtained with is still the one in
   * service, so a key removed from the file stops verifying within {@link JwksKeys#CHECK_INTERVAL},
   * remembered tokens included. The set is taken before the signature check: if the file changes
   * meanwhile, the result is filed under the older set and checked again on its next use.
   */
  AccessToken verify(String compact) {
    JwksKeys.KeySet keySet = keys.current();
    VerifiedKey key = new VerifiedKey(compact);
    Remembered known = verified.get(key);
    if (known != null && known.keySet() == keySet) {
      if (clock.instant().isAfter(known.token().expiresAt().plusSeconds(CLOCK_SKEW_SECONDS))) {
        verified.remove(key);
        throw new InvalidTokenException("token expired");
      }
      return known.token();
    }
    AccessToken token = parse(compact);
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear(); // crude bound; forgetting only costs a signature check
    }
    verified.put(key, new Remembered(token, keySet));
    return token;
  }

  /** A verified token's claims, and the key set that verified it. */
  private record Remembered(AccessToken token, JwksKeys.KeySet keySet) {}

  /**
   * A verified token string as a map key, hashed on the last characters of its signature only.
   * The header's string is new on every request, so a plain String key would hash all of its few
   * hundred characters each time; signature characters are as good as random, so a few of them
   * spread keys as well. Equality still compares the whole token. Only tokens whose signature
   * checked out are stored, so nobody can fill a bucket with chosen collisions.
   */
  private record VerifiedKey(String compact) {
    private static final int HASHED_CHARS = 16;

    @Override
    public int hashCode() {
      int hash = 0;
      for (int i = Math.max(0, compact.length() - HASHED_CHARS); i < compact.length(); i++) {
        hash = 31 * hash + compact.charAt(i);
      }
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof VerifiedKey key && key.compact.equals(compact);
    }
  }

  private AccessToken parse(String compact) {
    try {
      var jws = parser.parseSignedClaims(compact);
      Claims claims = jws.getPayload();
      String subject = claims.getSubject();
      String tokenId = claims.getId();
      String family = claims.get(SESSION_FAMILY_CLAIM, String.class);
      Date expiration = claims.getExpiration();
      if (subject == null || tokenId == null || family == null || expiration == null) {
        throw new InvalidTokenException("token lacks sub, jti, sid or exp");
      }
      return new AccessToken(subject, tokenId, family, expiration.toInstant(), jws.getHeader().getKeyId());
    } catch (io.jsonwebtoken.ExpiredJwtException e) {
      throw new InvalidTokenException("token expired");
    } catch (JwtException | IllegalArgumentException | ClassCastException e) {
      throw new InvalidTokenException("token rejected");
    }
  }

  /** Finds the verification key by {@code kid} and holds the token to that key's declared algorithm. */
  private final class KeyByKid extends LocatorAdapter<Key> {
    @Override
    protected Key locate(JwsHeader header) {
      String kid = header.getKeyId();
      JwksKeys.VerificationKey key = kid == null ? null : keys.verificationKey(kid);
      if (key == null) {
        throw new InvalidTokenException("unknown kid");
      }
      if (!key.algorithm().equals(header.getAlgorithm())) {
        throw new InvalidTokenException("algorithm does not match the key");
      }
      return key.key();
    }

    @Override
    protected Key doLocate(Header header) {
      throw new InvalidTokenException("not a signed token");
    }
  }
}
