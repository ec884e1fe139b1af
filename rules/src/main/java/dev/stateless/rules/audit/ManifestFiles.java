package dev.stateless.rules.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The manifest files under a path: the file itself, or *.yaml/*.yml/*.json below a directory. */
final class ManifestFiles {

  private ManifestFiles() {}

  static List<Path> under(Path path) throws UnreadableManifestException {
    if (!Files.exists(path)) {
      throw new UnreadableManifestException(path, 0, "no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.walk(path)) {
      // Sorted, so reports come out in the same order on every machine.
      return files.filter(Files::isRegularFile).filter(ManifestFiles::isManifest).sorted().toList();
    } catch (IOException e) {
      throw new UnreadableManifestException(path, 0, "cannot list: " + e.getMessage());
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
