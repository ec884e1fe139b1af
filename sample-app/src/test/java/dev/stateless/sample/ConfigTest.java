package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

  private static Map<String, String> injected() {
    Map<String, String> env = new HashMap<>();
    env.put("POD_NAME", "shop-6d9f7-abcde");
    env.put("REDIS_URL", "redis://:pw@shop-redis:6379");
    env.put("REDIS_KEY_PREFIX", "ns:shop:");
    env.put("AWS_ENDPOINT_URL_S3", "http://shop-s3:9000");
    env.put("AWS_REGION", "eu-west-1");
    env.put("S3_BUCKET", "ns-shop");
    env.put("S3_FORCE_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "very-secret-value");
    env.put("JWT_JWKS_FILE", "/var/run/stateless.dev/jwt/jwks.json");
    return env;
  }

  @Test
  void readsWhatTheOperatorInjectsWithDefaultsForTheRest() {
    Config config = Config.fromEnvironment(injected());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.podName()).isEqualTo("shop-6d9f7-abcde");
    assertThat(config.redisKeyPrefix()).isEqualTo("ns:shop:");
    assertThat(config.s3Endpoint()).contains(URI.create("http://shop-s3:9000"));
    assertThat(config.awsRegion()).isEqualTo("eu-west-1");
    assertThat(config.s3ForcePathStyle()).isTrue();
    assertThat(config.jwksFile()).isEqualTo(Path.of("/var/run/stateless.dev/jwt/jwks.json"));
    assertThat(config.jwtIssuer()).isEqualTo(Config.DEFAULT_ISSUER);
    assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.cartIdleTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxUploadBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(config.passwordHashIterations()).isEqualTo(Passwords.DEFAULT_ITERATIONS);
  }

  @Test
  void optionalVariablesOverrideTheDefaults() {
    Map<String, String> env = injected();
    env.put("PORT", "9090");
    env.put("JWT_ISSUER", "https://shop.example");
    env.put("JWT_ACCESS_TOKEN_TTL", "5m");
    env.put("JWT_REFRESH_TOKEN_TTL", "1h30m");
    env.put("CART_IDLE_TTL", "45s");
    env.put("MAX_UPLOAD_BYTES", "512Ki");
    env.put("S3_FORCE_PATH_STYLE", "FALSE");
    env.remove("AWS_ENDPOINT_URL_S3");
    Config config = Config.fromEnvironment(env);
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.jwtIssuer()).isEqualTo("https://shop.example");
    assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.refreshTokenTtl()).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.cartIdleTtl()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.maxUploadBytes()).isEqualTo(512 * 1024);
    assertThat(config.s3ForcePathStyle()).isFalse();
    assertThat(config.s3Endpoint()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"REDIS_URL", "REDIS_KEY_PREFIX", "AWS_REGION", "S3_BUCKET", "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "JWT_JWKS_FILE"})
  void aMissingRequiredVariableIsNamed(String name) {
    Map<String, String> env = injected();
    env.remove(name);
    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(Config.InvalidConfigException.class)
        .hasMessage("missing required environment variable " + name);
    env.put(name, "   ");
    assertThatThrownBy(() -> Config.fromEnvironment(env)).hasMessageContaining(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PORT=http", "PORT=70000", "S3_FORCE_PATH_STYLE=yes", "JWT_ACCESS_TOKEN_TTL=15",
      "JWT_ACCESS_TOKEN_TTL=0s", "JWT_ACCESS_TOKEN_TTL=0", "JWT_REFRESH_TOKEN_TTL=99999999999999999999h",
      "CART_IDLE_TTL=106751991167301d", "CART_IDLE_TTL=1x", "SHUTDOWN_DRAIN=soon", "SHUTDOWN_DRAIN=-5s", "MAX_UPLOAD_BYTES=10MB", "MAX_UPLOAD_BYTES=0",
      "AWS_ENDPOINT_URL_S3=not a url", "PASSWORD_HASH_ITERATIONS=10"})
  void anUnusableValueIsNamed(String assignment) {
    String[] parts = assignment.split("=", 2);
    Map<String, String> env = injected();
    env.put(parts[0], parts[1]);
    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(Config.InvalidConfigException.class)
        .hasMessageStartingWith("environment variable " + parts[0] + " must be");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s"})
  void theShutdownDrainCanBeSwitchedOff(String none) {
    Map<String, String> env = injected();
    env.put("SHUTDOWN_DRAIN", none);
    assertThat(Config.fromEnvironment(env).shutdownDrain()).isZero();
    env.put("SHUTDOWN_DRAIN", "1500ms");
    assertThat(Config.fromEnvironment(env).shutdownDrain()).isEqualTo(Duration.ofMillis(1500));
    env.remove("SHUTDOWN_DRAIN");
    assertThat(Config.fromEnvironment(env).shutdownDrain()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void podNameFallsBackToTheHostname() {
    Map<String, String> env = injected();
    env.remove("POD_NAME");
    env.put("HOSTNAME", "shop-abc");
    assertThat(Config.fromEnvironment(env).podName()).isEqualTo("shop-abc");
  }

  @Test
  void toStringNeverShowsSecrets() {
    String shown = Config.fromEnvironment(injected()).toString();
    assertThat(shown).doesNotContain("very-secret-value").doesNotContain("AKIAEXAMPLE").doesNotContain(":pw@");
    assertThat(shown).contains("ns:shop:");
  }
}
