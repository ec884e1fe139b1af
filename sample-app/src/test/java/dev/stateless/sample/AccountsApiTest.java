package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Signup, login, refresh, logout and /api/me, with JWTs and with server-side sessions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsApiTest {

  private InProcessApp app;
  private ApiClient api;

  @BeforeAll
  void start() {
    app = new InProcessApp();
    api = app.client;
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void signupCreatesAnAccountOnceAndRefusesTheSameNameAgain() {
    String username = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created = api.postJson("/api/signup", ApiClient.credentials(username, "s3cret-password"), null);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("username").asText()).isEqualTo(username);

    ApiClient.Reply again = api.postJson("/api/signup", ApiClient.credentials(username, "another-password"), null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).isEqualTo("conflict");
  }

  /**
   * A login Redis holds no record of (made before logins had records, or lost with Redis's data):
   * its access token is refused, yet logging out with it still ends the login, refresh tokens included.
   */
  @Test
  void aLoginRedisNoLongerRecordsIsRefusedButCanStillLogOut() {
    InProcessApp.Login login = app.newUser();
    try (Redis inspector = new Redis(Backends.sharedRedisUrl())) {
      String record = inspector.commands().keys(app.keyPrefix + "login:*").stream()
          .filter(key -> key.endsWith(":" + login.family())).findFirst().orElseThrow();
      inspector.commands().del(record);
    }

    ApiClient.Reply me = api.get("/api/me", login.bearer());
    assertThat(me.status()).isEqualTo(401);
    assertThat(me.json().get("message").asText()).contains("log in again");
    assertThat(api.postJson("/api/logout", "", login.bearer()).status()).isEqualTo(204);
    assertThat(api.postJson("/api/refresh", Map.of("refreshToken", login.refreshToken()), null).status())
        .as("the login's refresh token died with it").isEqualTo(401);
  }

  @Test
  void signupRejectsBadInputWith400NotA500() {
    assertThat(api.postJson("/api/signup", "{not json", null).status()).isEqualTo(400);
    assertThat(api.postJson("/api/signup", "[1,2]", null).status()).isEqualTo(400);
    assertThat(api.postJson("/api/signup", Map.of("username", "bob"), null).status()).isEqualTo(400);
    assertThat(api.postJson("/api/signup", Map.of("username", 42, "password", "long enough"), null).status())
        .isEqualTo(400);
    assertThat(api.postJson("/api/signup", ApiClient.credentials("x", "long enough password"), null).status())
        .isEqualTo(400);
    assertThat(api.postJson("/api/signup", ApiClient.credentials("has space", "long enough"), null).status())
        .isEqualTo(400);
    ApiClient.Reply shortPassword = api.postJson("/api/signup", ApiClient.credentials("carol", "short"), null);
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.json().get("error").asText()).isEqualTo("bad_request");
    assertThat(shortPassword.json().get("message").asText()).contains("password");
  }

  @Test
  void loginIssuesAnAccessTokenWithTheRequiredClaims() {
    InProcessApp.Login login = app.newUser();
    String[] parts = login.accessToken().split("\\.");
    JsonNode header = decode(parts[0]);
    JsonNode claims = decode(parts[1]);
    assertThat(header.get("alg").asText()).isEqualTo("ES256");
    assertThat(header.get("kid").asText()).isEqualTo(app.signingKey.kid());
    assertThat(claims.get("sub").asText()).isEqualTo(login.username());
    assertThat(claims.get("iss").asText()).isEqualTo(InProcessApp.ISSUER);
    assertThat(claims.get("jti").asText()).isNotBlank();
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(15 * 60);
    assertThat(login.refreshToken()).isNotBlank().doesNotContain(".");
  }

  @Test
  void loginAnswersExpiresInAndRefusesWrongPasswordsAndUnknownUsers() {
    InProcessApp.Login login = app.newUser();
    ApiClient.Reply ok = api.postJson("/api/login", ApiClient.credentials(login.username(), login.password()), null);
    assertThat(ok.json().get("expiresIn").asLong()).isEqualTo(900);
    assertThat(ok.json().get("tokenType").asText()).isEqualTo("Bearer");

    ApiClient.Reply wrong = api.postJson("/api/login", ApiClient.credentials(login.username(), "wrong password"), null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").asText()).isEqualTo("unauthorized");
    ApiClient.Reply unknown = api.postJson("/api/login", ApiClient.credentials("nobody-here", "whatever123"), null);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("message").asText()).isEqualTo(wrong.json().get("message").asText());
  }

  @Test
  void meAnswersTheUsernameForABearerTokenAndForASessionId() {
    InProcessApp.Login login = app.newUser();
    ApiClient.Reply viaJwt = api.get("/api/me", login.bearer());
    assertThat(viaJwt.status()).isEqualTo(200);
    assertThat(viaJwt.json().get("username").asText()).isEqualTo(login.username());

    ApiClient.Reply viaSession = api.get("/api/me", "Session " + login.sessionId());
    assertThat(viaSession.status()).isEqualTo(200);
    assertThat(viaSession.json().get("username").asText()).isEqualTo(login.username());

    assertThat(api.get("/api/me", null).status()).isEqualTo(401);
    assertThat(api.get("/api/me", "Session not-a-session").status()).isEqualTo(401);
    assertThat(api.get("/api/me", "Basic YTpi").status()).isEqualTo(401);
  }

  @Test
  void refreshRotatesTheRefreshTokenAndIssuesAWorkingAccessToken() {
    InProcessApp.Login login = app.newUser();
    ApiClient.Reply refreshed = api.postJson("/api/refresh", Map.of("refreshToken", login.refreshToken()), null);
    assertThat(refreshed.status()).isEqualTo(200);
    String newAccess = refreshed.json().get("accessToken").asText();
    String newRefresh = refreshed.json().get("refreshToken").asText();
    assertThat(newAccess).isNotEqualTo(login.accessToken());
    assertThat(newRefresh).isNotEqualTo(login.refreshToken());
    assertThat(refreshed.json().get("expiresIn").asLong()).isEqualTo(900);
    assertThat(api.get("/api/me", ApiClient.bearer(newAccess)).json().get("username").asText())
        .isEqualTo(login.username());

    ApiClient.Reply next = api.postJson("/api/refresh", Map.of("refreshToken", newRefresh), null);
    assertThat(next.status()).isEqualTo(200);
  }

  @Test
  void reusingASpentRefreshTokenRevokesTheWholeFamily() {
    InProcessApp.Login login = app.newUser();
    ApiClient.Reply first = api.postJson("/api/refresh", Map.of("refreshToken", login.refreshToken()), null);
    String successor = first.json().get("refreshToken").asText();
    String successorAccess = first.json().get("accessToken").asText();

    ApiClient.Reply reuse = api.postJson("/api/refresh", Map.of("refreshToken", login.refreshToken()), null);
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.json().get("message").asText()).contains("reused");

    assertThat(api.postJson("/api/refresh", Map.of("refreshToken", successor), null).status()).isEqualTo(401);
    assertThat(api.get("/api/me", login.bearer()).status()).isEqualTo(401);
    assertThat(api.get("/api/me", ApiClient.bearer(successorAccess)).status()).isEqualTo(401);
    assertThat(api.get("/api/me", "Session " + login.sessionId()).status()).isEqualTo(401);
  }

  @Test
  void refreshRejectsUnknownTokensAndBadBodies() {
    assertThat(api.postJson("/api/refresh", Map.of("refreshToken", "made-up"), null).status()).isEqualTo(401);
    assertThat(api.postJson("/api/refresh", Map.of("token", "x"), null).status()).isEqualTo(400);
    assertThat(api.postJson("/api/refresh", "", null).status()).isEqualTo(400);
  }

  @Test
  void logoutRevokesTheAccessTokenItsRefreshFamilyAndItsSession() {
    InProcessApp.Login login = app.newUser();
    assertThat(api.get("/api/me", login.bearer()).status()).isEqualTo(200);

    ApiClient.Reply logout = api.postJson("/api/logout", "", login.bearer());
    assertThat(logout.status()).isEqualTo(204);

    ApiClient.Reply after = api.get("/api/me", login.bearer());
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("message").asText()).isEqualTo("token revoked");
    assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(api.postJson("/api/refresh", Map.of("refreshToken", login.refreshToken()), null).status())
        .isEqualTo(401);
    assertThat(api.get("/api/me", "Session " + login.sessionId()).status()).isEqualTo(401);
    assertThat(api.postJson("/api/logout", "", login.bearer()).status()).isEqualTo(401);
  }

  @Test
  void logoutWithASessionIdEndsThatLoginToo() {
    InProcessApp.Login login = app.newUser();
    assertThat(api.postJson("/api/logout", "", "Session " + login.sessionId()).status()).isEqualTo(204);
    assertThat(api.get("/api/me", "Session " + login.sessionId()).status()).isEqualTo(401);
    assertThat(api.get("/api/me", login.bearer()).status()).isEqualTo(401);
  }

  private static JsonNode decode(String part) {
    try {
      return ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(part));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
