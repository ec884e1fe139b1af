package dev.stateless.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP API: each handler reads the request, calls one component, and writes the answer. */
final class Routes {

  private final Users users;
  private final TokenService tokens;
  private final RefreshTokens refreshTokens;
  private final Sessions sessions;
  private final RevocationList revocations;
  private final Authenticator authenticator;
  private final Carts carts;
  private final Uploads uploads;
  private final Health health;
  private final JsonBodies bodies;
  private final PrometheusMeterRegistry metrics;

  Routes(Users users, TokenService tokens, RefreshTokens refreshTokens, Sessions sessions,
      RevocationList revocations, Authenticator authenticator, Carts carts, Uploads uploads, Health health,
      JsonBodies bodies, PrometheusMeterRegistry metrics) {
    this.users = users;
    this.tokens = tokens;
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.revocations = revocations;
    this.authenticator = authenticator;
    this.carts = carts;
    this.uploads = uploads;
    this.health = health;
    this.bodies = bodies;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/signup", this::signUp);
    routes.post("/api/login", this::logIn);
    routes.post("/api/refresh", this::refresh);
    routes.post("/api/logout", this::logOut);
    routes.get("/api/me", this::me);
    routes.put("/api/cart", this::putCart);
    routes.get("/api/cart", this::getCart);
    routes.post("/api/files", this::upload);
    routes.get("/api/files/{id}", this::download);
    routes.get("/healthz/live", this::live);
    routes.get("/healthz/ready", this::ready);
    routes.get("/metrics", this::metrics);
  }

  private void signUp(Context ctx) {
    ObjectNode body = bodies.object(ctx.bodyInputStream());
    String username = JsonBodies.text(body, "username");
    users.signUp(username, JsonBodies.text(body, "password"));
    ctx.status(201).json(Map.of("username", username));
  }

  private void logIn(Context ctx) {
    ObjectNode body = bodies.object(ctx.bodyInputStream());
    String username = JsonBodies.text(body, "username");
    if (!users.authenticate(username, JsonBodies.text(body, "password"))) {
      throw ApiException.unauthorized("invalid username or password");
    }
    String family = OpaqueTokens.id();
    Map<String, Object> answer = tokenPair(username, family, refreshTokens.issue(username, family));
    answer.put("sessionId", sessions.open(username, family));
    ctx.json(answer);
  }

  private void refresh(Context ctx) {
    String presented = JsonBodies.text(bodies.object(ctx.bodyInputStream()), "refreshToken");
    RefreshTokens.Rotation rotation = refreshTokens.rotate(presented);
    ctx.json(tokenPair(rotation.username(), rotation.family(), rotation.newToken()));
  }

  private Map<String, Object> tokenPair(String username, String family, String refreshToken) {
    TokenService.IssuedToken access = tokens.issue(username, family);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accessToken", access.compact());
    answer.put("tokenType", "Bearer");
    answer.put("expiresIn", tokens.ttl().toSeconds());
    answer.put("refreshToken", refreshToken);
    return answer;
  }

  /**
   * Ends the login everywhere: its refresh family (which also revokes every access token of the
   * login), this access token, and its server-side session. The family goes first: if a later step
   * fails, the caller's retry is refused as revoked, and nothing of the login may be left usable then.
   */
  private void logOut(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticateToLogOut(ctx.header(Header.AUTHORIZATION));
    revocations.revokeFamily(caller.family(), refreshTokens.familyRevocationTtl());
    if (caller.accessToken() != null) {
      revocations.revokeToken(caller.accessToken().tokenId(), caller.accessToken().expiresAt());
    }
    if (caller.sessionId() != null) {
      sessions.close(caller.sessionId());
    }
    ctx.status(204);
  }

  private void me(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticate(ctx.header(Header.AUTHORIZATION));
    ctx.json(Map.of("username", caller.username()));
  }

  private void putCart(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticate(ctx.header(Header.AUTHORIZATION));
    carts.replace(caller.username(), JsonBodies.array(bodies.object(ctx.bodyInputStream()), "items"));
    ctx.status(204);
  }

  private void getCart(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticate(ctx.header(Header.AUTHORIZATION));
    ctx.json(Map.of("items", carts.items(caller.username())));
  }

  private void upload(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticate(ctx.header(Header.AUTHORIZATION));
    String declared = ctx.header(Header.CONTENT_LENGTH);
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid Content-Length");
    }
    String id = uploads.store(caller.username(), ctx.bodyInputStream(), length, ctx.header(Header.CONTENT_TYPE));
    ctx.status(201).header(Header.LOCATION, "/api/files/" + id).json(Map.of("id", id));
  }

  private void download(Context ctx) {
    Authenticator.Caller caller = authenticator.authenticate(ctx.header(Header.AUTHORIZATION));
    Uploads.Download file = uploads.find(caller.username(), ctx.pathParam("id"));
    if (file.contentLength() >= 0) {
      ctx.header(Header.CONTENT_LENGTH, Long.toString(file.contentLength()));
    }
    ctx.contentType(file.contentType()).result(file.body());
  }

  private void live(Context ctx) {
    ctx.json(Map.of("status", "live"));
  }

  private void ready(Context ctx) {
    Health.Readiness readiness = health.check();
    if (!readiness.ready()) {
      ctx.status(503).header(Header.RETRY_AFTER, ErrorResponses.RETRY_AFTER_SECONDS);
    }
    ctx.json(Map.of("status", readiness.ready() ? "ready" : "unavailable", "checks", readiness.checks()));
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }
}
