package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the user's Redis URL: the forms redis clients accept, and nothing else. */
class RedisConnectionTest {

  @Test
  void aUserAndPasswordUrlOverTls() {
    RedisConnection redis = RedisConnection.fromUrl("rediss://app:p%40ss@cache.example.com:6380/2").orElseThrow();
    assertThat(redis.tls()).isTrue();
    assertThat(redis.username()).isEqualTo("app");
    assertThat(redis.password()).isEqualTo("p@ss");
    assertThat(redis.host()).isEqualTo("cache.example.com");
    assertThat(redis.port()).isEqualTo(6380);
    assertThat(redis.uri()).isEqualTo("rediss://app:p%40ss@cache.example.com:6380/2");
  }

  @Test
  void aPasswordOnlyUrlInBothSpellingsAndTheDefaultPort() {
    assertThat(RedisConnection.fromUrl("redis://:secret@cache").orElseThrow())
        .satisfies(r -> {
          assertThat(r.username()).isNull();
          assertThat(r.password()).isEqualTo("secret");
          assertThat(r.port()).isEqualTo(6379);
        });
    assertThat(RedisConnection.fromUrl("redis://secret@cache").orElseThrow().password()).isEqualTo("secret");
    assertThat(RedisConnection.fromUrl("redis://cache:6379").orElseThrow().password()).isNull();
  }

  @Test
  void anythingElseIsNoRedisUrl() {
    assertThat(RedisConnection.fromUrl("http://cache:6379")).isEmpty();
    assertThat(RedisConnection.fromUrl("cache:6379")).isEmpty();
    assertThat(RedisConnection.fromUrl("redis://")).isEmpty();
    assertThat(RedisConnection.fromUrl("redis://bad host")).isEmpty();
  }

  @Test
  void theRecordNeverPrintsItsSecrets() {
    RedisConnection redis = RedisConnection.managed("shop-redis.ns.svc", 6379, "Generated123");
    assertThat(redis.toString()).doesNotContain("Generated123").contains("shop-redis.ns.svc:6379");
    ObjectStorageConnection storage = new ObjectStorageConnection("minio", "http://s3", "us-east-1", "b", true, "KeyId", "SecretKey", true);
    assertThat(storage.toString()).doesNotContain("KeyId").doesNotContain("SecretKey");
  }
}
