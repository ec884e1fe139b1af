package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/** Signing keys for stateless authentication, published as a JWKS in the Secret <app>-jwt. */
public class JwtSpec {

  public static final String DEFAULT_ROTATION_PERIOD = "720h";
  public static final String DEFAULT_TOKEN_TTL = "15m";

  /**
   * Below a second, a key stamped at whole seconds could be due again the moment it is made, and
   * the operator would rotate in a loop.
   */
  public static final Duration SHORTEST_ROTATION_PERIOD = Duration.ofSeconds(1);

  @Default("ES256")
  @JsonPropertyDescription("Signature algorithm: ES256, EdDSA (Ed25519) or HS256. Default ES256. Changing it starts a new active key at once.")
  private JwtAlgorithm algorithm = JwtAlgorithm.ES256;

  @Default(DEFAULT_ROTATION_PERIOD)
  @Pattern(Durations.PATTERN)
  @JsonPropertyDescription("A new active key is generated after this long, as a duration such as 720h or 1h30m. Default 720h.")
  private String rotationPeriod = DEFAULT_ROTATION_PERIOD;

  @Default(DEFAULT_TOKEN_TTL)
  @Pattern(Durations.PATTERN)
  @JsonPropertyDescription("Lifetime of the tokens the app issues; a retired key stays published for verification this long after its retirement. Default 15m.")
  private String tokenTTL = DEFAULT_TOKEN_TTL;

  public JwtAlgorithm getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(JwtAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  public String getRotationPeriod() {
    return rotationPeriod;
  }

  public void setRotationPeriod(String rotationPeriod) {
    this.rotationPeriod = rotationPeriod;
  }

  public String getTokenTTL() {
    return tokenTTL;
  }

  public void setTokenTTL(String tokenTTL) {
    this.tokenTTL = tokenTTL;
  }
}
