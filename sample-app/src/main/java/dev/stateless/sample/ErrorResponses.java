package dev.stateless.sample;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes {@code {"error": code, "message": text}}: 4xx for the caller's mistakes,
 * 503 with Retry-After while a backend is down, 500 only for our own bugs (and then logged).
 */
final class ErrorResponses {

  static final String RETRY_AFTER_SECONDS = "2";
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {
  }

  static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> {
      if (e.status() == 401) {
        ctx.header(Header.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      }
      if (e.status() == 503) {
        ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
      }
      write(ctx, e.status(), e.code(), e.getMessage());
    });
    routes.exception(BackendUnavailableException.class, (e, ctx) -> {
      ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
      write(ctx, 503, "backend_unavailable", e.backend() + " is unavailable, retry later");
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> {
      HttpStatus status = HttpStatus.forStatus(e.getStatus());
      String code = status.getMessage().toLowerCase(Locale.ROOT).replace(' ', '_');
      write(ctx, e.getStatus(), code, e.getMessage());
    });
    routes.exception(Exception.class, (e, ctx) -> {
      log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
      write(ctx, 500, "internal_error", "unexpected server error");
    });
  }

  private static void write(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("error", code, "message", message == null ? code : message));
  }
}
