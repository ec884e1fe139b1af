package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  private final Passwords passwords = new Passwords(1_000);

  @Test
  void aHashMatchesItsPasswordOnly() {
    String hash = passwords.hash("correct horse".toCharArray());
    assertThat(passwords.matches("correct horse".toCharArray(), hash)).isTrue();
    assertThat(passwords.matches("correct horsE".toCharArray(), hash)).isFalse();
    assertThat(passwords.matches("".toCharArray(), hash)).isFalse();
  }

  @Test
  void hashesAreSaltedAndSayHowTheyWereMade() {
    String first = passwords.hash("same".toCharArray());
    String second = passwords.hash("same".toCharArray());
    assertThat(first).isNotEqualTo(second).startsWith("pbkdf2-sha256$1000$").doesNotContain("same");
  }

  @Test
  void aHashKeepsItsOwnWorkFactorWhenTheDefaultChanges() {
    String old = passwords.hash("secret".toCharArray());
    assertThat(new Passwords(2_000).matches("secret".toCharArray(), old)).isTrue();
  }

  @Test
  void unknownUsersAndDamagedHashesNeverMatch() {
    assertThat(passwords.matches("decoy password, never matches".toCharArray(), null)).isFalse();
    assertThat(passwords.matches("x".toCharArray(), "garbage")).isFalse();
    assertThat(passwords.matches("x".toCharArray(), "pbkdf2-sha256$notanumber$AA$AA")).isFalse();
    assertThat(passwords.matches("x".toCharArray(), "md5$1$AA$AA")).isFalse();
  }

  @Test
  void theDefaultWorkFactorIsSlowOnPurpose() {
    assertThat(Passwords.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
  }
}
