package dev.stateless.operator.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of the binding Secrets, with the servicebinding.io well-known keys, so binding
 * libraries (Spring Cloud Bindings, the Quarkus and Node.js ones) read them as they are.
 */
public final class BindingValues {

  public static final String REDIS_TYPE = "servicebinding.io/redis";
  public static final String S3_TYPE = "servicebinding.io/s3";

  private BindingValues() {}

  public static Map<String, String> redis(RedisConnection redis) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("type", "redis");
    values.put("provider", redis.provider());
    values.put("host", redis.host());
    values.put("port", Integer.toString(redis.port()));
    values.put("password", redis.password() == null ? "" : redis.password());
    values.put("uri", redis.uri());
    return values;
  }

  public static Map<String, String> objectStorage(ObjectStorageConnection storage) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("type", "s3");
    values.put("provider", storage.provider());
    values.put("endpoint", storage.endpoint());
    values.put("region", storage.region());
    values.put("bucket", storage.bucket());
    values.put("access-key-id", storage.accessKeyId());
    values.put("secret-access-key", storage.secretAccessKey());
    return values;
  }
}
