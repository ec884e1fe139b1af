package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Redis for sessions, shared caches and the token revocation list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.mode) || self.mode != 'External' || has(self.externalSecretRef)",
    message = "redis.externalSecretRef is required when redis.mode is External")
public class RedisSpec {

  public static final String DEFAULT_IMAGE = "redis:7.2-alpine";

  @Default("Managed")
  @JsonPropertyDescription("Managed: the operator runs Redis. External: the app uses the Redis of externalSecretRef. Default Managed.")
  private BackendMode mode = BackendMode.Managed;

  @Default(DEFAULT_IMAGE)
  @JsonPropertyDescription("Redis image (Managed only). Default redis:7.2-alpine.")
  private String image = DEFAULT_IMAGE;

  @JsonPropertyDescription("External only: a Secret with key `url` holding a redis:// or rediss:// URL.")
  private SecretRef externalSecretRef;

  public BackendMode getMode() {
    return mode;
  }

  public void setMode(BackendMode mode) {
    this.mode = mode;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public SecretRef getExternalSecretRef() {
    return externalSecretRef;
  }

  public void setExternalSecretRef(SecretRef externalSecretRef) {
    this.externalSecretRef = externalSecretRef;
  }
}
