package dev.stateless.operator.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How to reach a Redis: what the binding Secret publishes and what the check connects with, so
 * the check proves exactly the credentials the app gets. {@link #toString()} leaves the password
 * and the URI out, so the record can never leak them into a log line by accident.
 */
public record RedisConnection(String provider, String host, int port, String username, String password, boolean tls, String uri) {

  public static final String MANAGED_PROVIDER = "stateless-operator";
  public static final String EXTERNAL_PROVIDER = "external";

  /** The operator's own Redis: plain TCP inside the cluster, password only. */
  public static RedisConnection managed(String host, int port, String password) {
    String uri = "redis://:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host + ":" + port;
    return new RedisConnection(MANAGED_PROVIDER, host, port, null, password, false, uri);
  }

  /**
   * The user's Redis, from a {@code redis://} or {@code rediss://} URL; empty when the text is no
   * such URL. The URL is passed on to the app as given.
   */
  public static Optional<RedisConnection> fromUrl(String url) {
    URI parsed;
    try {
      parsed = new URI(url.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = parsed.getScheme();
    if (parsed.getHost() == null || !("redis".equals(scheme) || "rediss".equals(scheme))) {
      return Optional.empty();
    }
    String username = null;
    String password = null;
    String userInfo = parsed.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        // redis://secret@host: the usual shorthand for a password without a user name.
        password = decode(userInfo);
      } else {
        username = colon == 0 ? null : decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
    }
    int port = parsed.getPort() < 0 ? BackendNames.REDIS_PORT : parsed.getPort();
    return Optional.of(new RedisConnection(EXTERNAL_PROVIDER, parsed.getHost(), port, username,
        password, "rediss".equals(scheme), url.trim()));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisConnection[" + provider + " " + (tls ? "rediss" : "redis") + "://" + host + ":" + port + "]";
  }
}
