package dev.stateless.benchmarks.sample;

import dev.stateless.benchmarks.BenchmarkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directories the benchmark's servers and files live in (Redis's working directory, the S3 server's
 * objects, the app's JWKS with its private key): next to the logs in {@code benchmarks/target},
 * which {@code mvn clean} removes, rather than left behind in the system's temporary directory.
 */
final class ScratchDirs {

  private ScratchDirs() {}

  static Path create(String prefix) throws IOException {
    Path parent = BenchmarkSettings.logDir();
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent.toAbsolutePath(), prefix);
  }
}
