package dev.stateless.rules.audit;

import java.nio.file.Path;
import java.util.Map;

/**
 * One YAML or JSON document of a manifest file.
 *
 * @param file the file it came from
 * @param line the 1-based line where the document's content starts (after {@code ---} and any
 *     {@code # Source:} comment), which is where reports point
 * @param content the document as plain maps and lists
 */
record ManifestDocument(Path file, int line, Map<String, Object> content) {

  String kind() {
    return content.get("kind") instanceof String kind ? kind : null;
  }
}
