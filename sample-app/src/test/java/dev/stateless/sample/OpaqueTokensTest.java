package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueTokensTest {

  @Test
  void secretsCarry256RandomBitsAndIdentifiers128() {
    assertThat(Base64.getUrlDecoder().decode(OpaqueTokens.random())).hasSize(32);
    assertThat(Base64.getUrlDecoder().decode(OpaqueTokens.id())).hasSize(16);
    assertThat(OpaqueTokens.id()).hasSize(22).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void identifiersDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(OpaqueTokens.id())).isTrue();
    }
  }
}
