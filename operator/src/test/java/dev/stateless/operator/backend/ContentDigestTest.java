package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Digests for annotations: the same content gives the same digest; a keyed one needs the key. */
class ContentDigestTest {

  static final Map<String, String> CONTENT = Map.of("redis/uri", "redis://app:password1@redis:6379", "redis/host", "redis");

  @Test
  void theSameContentGivesTheSameDigestInAnyOrder() {
    assertThat(ContentDigest.of(CONTENT)).isEqualTo(ContentDigest.of(new java.util.TreeMap<>(CONTENT))).hasSize(32);
    assertThat(ContentDigest.of(CONTENT)).isNotEqualTo(ContentDigest.of(Map.of("redis/uri", "redis://app:password2@redis:6379",
        "redis/host", "redis")));
  }

  @Test
  void aKeyedDigestDependsOnItsKeyAndIsNotThePlainOne() {
    String keyed = ContentDigest.keyed("uid-1", CONTENT);
    assertThat(keyed).isEqualTo(ContentDigest.keyed("uid-1", CONTENT)).hasSize(32)
        .isNotEqualTo(ContentDigest.keyed("uid-2", CONTENT))
        .isNotEqualTo(ContentDigest.of(CONTENT));
  }
}
