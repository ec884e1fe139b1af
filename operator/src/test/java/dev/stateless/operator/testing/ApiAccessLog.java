package dev.stateless.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every permission the operator needed in this module's tests, one line each, in
 * {@code target/api-requests/operator-requests.tsv}. The Helm chart's tests check the chart's RBAC
 * against it: each line must be granted, and each grant must be needed by some line.
 *
 * <p>The build empties the directory before the tests run (see the operator's pom), so the file
 * holds what the current code needs, not what it once needed.
 */
public final class ApiAccessLog {

  public static final Path FILE = Path.of("target", "api-requests", "operator-requests.tsv");

  private static final Set<String> recorded = ConcurrentHashMap.newKeySet();

  private ApiAccessLog() {}

  public static void record(ApiAccess access) {
    if (recorded.add(access.permission())) {
      append(access.line());
    }
  }

  private static synchronized void append(String line) {
    try {
      Files.createDirectories(FILE.getParent());
      if (!Files.exists(FILE)) {
        Files.writeString(FILE, ApiAccess.HEADER + "\n", StandardCharsets.UTF_8);
      }
      Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the operator's API requests in " + FILE, e);
    }
  }
}
