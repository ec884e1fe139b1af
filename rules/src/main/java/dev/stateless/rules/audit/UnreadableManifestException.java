package dev.stateless.rules.audit;

import java.nio.file.Path;

/** A manifest that cannot be read or understood; {@code audit} exits with 2 and names file and line. */
final class UnreadableManifestException extends Exception {

  private final Path file;
  private final int line;

  /** @param line 1-based, or 0 when no line applies (a missing file) */
  UnreadableManifestException(Path file, int line, String problem) {
    super(oneLine(problem));
    this.file = file;
    this.line = line;
  }

  Path file() {
    return file;
  }

  int line() {
    return line;
  }

  private static String oneLine(String problem) {
    return problem == null ? "unreadable" : problem.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
