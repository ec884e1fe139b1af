package dev.stateless.benchmarks.sample;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One access-token check as the sample app makes it the first time it sees a token: parse, pick
 * the key by {@code kid}, verify the signature, require the issuer, check {@code exp}. The token
 * carries the claims the app issues (sub, jti, sid, iss, iat, exp).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerificationBenchmark {

  static final String ISSUER = "https://shop.example.com";

  @Param({"HS256", "ES256", "EdDSA"})
  public String algorithm;

  private String token;
  private JwtParser parser;

  @Setup
  public void signOneToken() {
    SigningKeys keys = SigningKeys.generate(algorithm, "2026-01-01T00-00-00Z");
    Instant now = Instant.now();
    token = Jwts.builder()
        .header().keyId(keys.kid()).and()
        .subject("user-0001")
        .id(UUID.randomUUID().toString())
        .issuer(ISSUER)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(Duration.ofMinutes(15))))
        .claim("sid", UUID.randomUUID().toString())
        .signWith(keys.signingKey(), keys.signatureAlgorithm())
        .compact();
    parser = Jwts.parser()
        .keyLocator(header -> keys.verificationKey())
        .requireIssuer(ISSUER)
        .clockSkewSeconds(30)
        .build();
  }

  @Benchmark
  public Claims verify() {
    return parser.parseSignedClaims(token).getPayload();
  }
}
