package dev.stateless.rules.audit;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads multi-document YAML (and JSON, a subset of it) as Helm and kubectl write it, keeping the line
 * where each document starts. Empty documents (Helm templates that render to nothing) are skipped.
 * YAML 1.2 core schema: {@code on}/{@code yes} stay strings, as Kubernetes reads them.
 */
final class ManifestParser {

  private ManifestParser() {}

  static List<ManifestDocument> parse(Path file) throws UnreadableManifestException {
    String text;
    try {
      text = Files.readString(file);
    } catch (MalformedInputException e) {
      throw new UnreadableManifestException(file, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new UnreadableManifestException(file, 0, "cannot read: " + e.getMessage());
    }
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
    List<ManifestDocument> documents = new ArrayList<>();
    try {
      for (Node root : new Compose(settings).composeAllFromString(text)) {
        int line = root.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
        Object value = new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          throw new UnreadableManifestException(file, line, "a Kubernetes object must be a mapping, found " + describe(value));
        }
        documents.add(new ManifestDocument(file, line, stringKeys(map)));
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(0) + 1;
      String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
      throw new UnreadableManifestException(file, line, "invalid YAML: " + problem);
    } catch (YamlEngineException e) {
      throw new UnreadableManifestException(file, 1, "invalid YAML: " + e.getMessage());
    }
    return documents;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    return copy;
  }

  private static String describe(Object value) {
    return value instanceof List<?> ? "a list" : "a scalar (" + value + ")";
  }
}
