package dev.stateless.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One app in the test JVM, against the shared backends, for endpoint tests. (The end-to-end test
 * runs the app as separate processes instead.) Each instance has its own Redis key prefix.
 */
final class InProcessApp implements AutoCloseable {

  static final String ISSUER = "https://shop.test";
  static final String TEST_PASSWORD_ITERATIONS = "1000";

  final TestKeys.TestKey signingKey;
  final TestKeys.SecretVolume jwks;
  final String keyPrefix;
  final SampleApp app;
  final ApiClient client;

  InProcessApp(Map<String, String> overrides) {
    try {
      this.signingKey = TestKeys.es256("key-1");
      this.jwks = new TestKeys.SecretVolume(Backends.tempDir("jwt").resolve("jwt"), TestKeys.jwks(signingKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.keyPrefix = "test-" + UUID.randomUUID() + ":shop:";
    Map<String, String> env = new HashMap<>(environment(Backends.sharedRedisUrl(), keyPrefix, jwks));
    env.putAll(overrides);
    this.app = SampleApp.start(Config.fromEnvironment(env));
    this.client = new ApiClient(URI.create("http://127.0.0.1:" + app.port() + "/"));
  }

  InProcessApp() {
    this(Map.of());
  }

  /** The environment the operator would inject, pointing at the test backends. */
  static Map<String, String> environment(String redisUrl, String keyPrefix, TestKeys.SecretVolume jwks) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("POD_NAME", "in-process");
    env.put("REDIS_URL", redisUrl);
    env.put("REDIS_KEY_PREFIX", keyPrefix);
    env.put("AWS_ENDPOINT_URL_S3", Backends.s3Endpoint());
    env.put("AWS_REGION", "us-east-1");
    env.put("S3_BUCKET", Backends.BUCKET);
    env.put("S3_FORCE_PATH_STYLE", "true");
    env.put("AWS_ACCESS_KEY_ID", "test-access-key");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    env.put("JWT_JWKS_FILE", jwks.file().toString());
    env.put("JWT_ISSUER", ISSUER);
    env.put("PASSWORD_HASH_ITERATIONS", TEST_PASSWORD_ITERATIONS);
    return env;
  }

  /** Signs up and logs in a fresh user; returns the login answer. */
  Login newUser() {
    String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "correct horse battery staple";
    ApiClient.Reply signup = client.postJson("/api/signup", ApiClient.credentials(username, password), null);
    if (signup.status() != 201) {
      throw new AssertionError("signup failed: " + signup.status() + " " + signup.body());
    }
    ApiClient.Reply login = client.postJson("/api/login", ApiClient.credentials(username, password), null);
    if (login.status() != 200) {
      throw new AssertionError("login failed: " + login.status() + " " + login.body());
    }
    return new Login(username, password, login.json().get("accessToken").asText(),
        login.json().get("refreshToken").asText(), login.json().get("sessionId").asText());
  }

  /** A logged-in user. */
  record Login(String username, String password, String accessToken, String refreshToken, String sessionId) {
    String bearer() {
      return ApiClient.bearer(accessToken);
    }

    /** The login's family ({@code sid}), as its access token carries it. */
    String family() {
      try {
        byte[] payload = Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
        return new ObjectMapper().readTree(payload).get("sid").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    app.close();
  }
}
