package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up as the container runs it: a real process, its exit status and what it prints. */
class MainStartupTest {

  @Test
  void aMissingVariableStopsStartupWithOneLineNamingIt() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.stateless.sample.Main");
    builder.environment().clear();
    builder.environment().put("REDIS_KEY_PREFIX", "ns:shop:");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).containsExactly("stateless-sample-app: missing required environment variable REDIS_URL");
  }
}
