package dev.stateless.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the app is told, read once from the environment the operator injects. No other class
 * reads environment variables or system properties.
 *
 * @param s3Endpoint empty means the AWS SDK's regional default endpoint
 * @param maxUploadBytes uploads above this size are refused with 413
 * @param passwordHashIterations PBKDF2 work factor for new password hashes; stored hashes carry their own
 * @param shutdownDrain how long the app keeps serving, not ready, after SIGTERM (see {@link SampleApp#drainAndClose})
 */
public record Config(
    int port,
    String podName,
    String redisUrl,
    String redisKeyPrefix,
    Optional<URI> s3Endpoint,
    String awsRegion,
    String s3Bucket,
    boolean s3ForcePathStyle,
    String awsAccessKeyId,
    String awsSecretAccessKey,
    Path jwksFile,
    String jwtIssuer,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration cartIdleTtl,
    long maxUploadBytes,
    int passwordHashIterations,
    Duration shutdownDrain) {

  public static final String DEFAULT_ISSUER = "stateless-sample-app";

  /** A variable that is missing or unusable; its message is the single line printed at start-up. */
  public static final class InvalidConfigException extends RuntimeException {
    InvalidConfigException(String message) {
      super(message);
    }
  }

  public static Config fromEnvironment(Map<String, String> env) {
    Reader in = new Reader(env);
    return new Config(
        in.integer("PORT", 8080, 0, 65535),
        in.optional("POD_NAME").or(() -> in.optional("HOSTNAME")).orElse("unknown"),
        in.required("REDIS_URL"),
        in.required("REDIS_KEY_PREFIX"),
        in.optional("AWS_ENDPOINT_URL_S3").map(value -> in.uri("AWS_ENDPOINT_URL_S3", value)),
        in.required("AWS_REGION"),
        in.required("S3_BUCKET"),
        in.bool("S3_FORCE_PATH_STYLE", false),
        in.required("AWS_ACCESS_KEY_ID"),
        in.required("AWS_SECRET_ACCESS_KEY"),
        Path.of(in.required("JWT_JWKS_FILE")),
        in.optional("JWT_ISSUER").orElse(DEFAULT_ISSUER),
        in.duration("JWT_ACCESS_TOKEN_TTL", Duration.ofMinutes(15)),
        in.duration("JWT_REFRESH_TOKEN_TTL", Duration.ofHours(24)),
        in.duration("CART_IDLE_TTL", Duration.ofHours(1)),
        in.size("MAX_UPLOAD_BYTES", 10L * 1024 * 1024),
        in.integer("PASSWORD_HASH_ITERATIONS", Passwords.DEFAULT_ITERATIONS, 1_000, 10_000_000),
        in.durationOrZero("SHUTDOWN_DRAIN", Duration.ofSeconds(5)));
  }

  /** Never prints the secrets: records would otherwise put them in any log line that shows the config. */
  @Override
  public String toString() {
    return "Config[port=" + port + ", podName=" + podName + ", redisKeyPrefix=" + redisKeyPrefix
        + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("(AWS default)") + ", awsRegion=" + awsRegion
        + ", s3Bucket=" + s3Bucket + ", s3ForcePathStyle=" + s3ForcePathStyle + ", jwksFile=" + jwksFile
        + ", jwtIssuer=" + jwtIssuer + ", accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl="
        + refreshTokenTtl + ", cartIdleTtl=" + cartIdleTtl + ", maxUploadBytes=" + maxUploadBytes
        + ", shutdownDrain=" + shutdownDrain + "]";
  }

  private static final class Reader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?");

    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = env;
    }

    Optional<String> optional(String name) {
      return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    String required(String name) {
      return optional(name).orElseThrow(
          () -> new InvalidConfigException("missing required environment variable " + name));
    }

    URI uri(String name, String value) {
      try {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException();
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw invalid(name, "an absolute URL such as http://host:9000");
      }
    }

    boolean bool(String name, boolean fallback) {
      return optional(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw invalid(name, "true or false");
      }).orElse(fallback);
    }

    int integer(String name, int fallback, int min, int max) {
      return optional(name).map(value -> {
        try {
          int parsed = Integer.parseInt(value);
          if (parsed >= min && parsed <= max) {
            return parsed;
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
        throw invalid(name, "an integer from " + min + " to " + max);
      }).orElse(fallback);
    }

    /** Go-style durations as in the StatelessApp spec ("15m", "720h"), or a sequence such as "1h30m". */
    Duration duration(String name, Duration fallback) {
      return optional(name).map(value -> parseDuration(value).filter(duration -> !duration.isZero())
          .orElseThrow(() -> invalid(name, "a positive duration such as 15m or 24h"))).orElse(fallback);
    }

    /** As {@link #duration}, where "0" switches off whatever the duration is for. */
    Duration durationOrZero(String name, Duration fallback) {
      return optional(name).map(value -> (value.equals("0") ? Optional.of(Duration.ZERO) : parseDuration(value))
          .orElseThrow(() -> invalid(name, "a duration such as 5s, or 0 for none"))).orElse(fallback);
    }

    private static Optional<Duration> parseDuration(String value) {
      Matcher matcher = DURATION.matcher(value);
      Duration total = Duration.ZERO;
      int end = 0;
      try {
        while (matcher.find() && matcher.start() == end) {
          long amount = Long.parseLong(matcher.group(1));
          total = total.plus(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          });
          end = matcher.end();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty(); // too long to hold
      }
      return end > 0 && end == value.length() ? Optional.of(total) : Optional.empty();
    }

    /** Bytes, or a Kubernetes-style quantity such as 10Mi. */
    long size(String name, long fallback) {
      return optional(name).map(value -> {
        Matcher matcher = SIZE.matcher(value);
        if (matcher.matches()) {
          try {
            long amount = Long.parseLong(matcher.group(1));
            long unit = matcher.group(2) == null ? 1 : switch (matcher.group(2)) {
              case "Ki" -> 1L << 10;
              case "Mi" -> 1L << 20;
              case "Gi" -> 1L << 30;
              case "k" -> 1_000L;
              case "M" -> 1_000_000L;
              default -> 1_000_000_000L;
            };
            long bytes = Math.multiplyExact(amount, unit);
            if (bytes > 0) {
              return bytes;
            }
          } catch (ArithmeticException | NumberFormatException ignored) {
            // reported below
          }
        }
        throw invalid(name, "a positive size in bytes or such as 10Mi");
      }).orElse(fallback);
    }

    private static InvalidConfigException invalid(String name, String expected) {
      return new InvalidConfigException("environment variable " + name + " must be " + expected);
    }
  }
}
