package dev.stateless.operator.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the StatelessApps of a YAML file, with errors that name the file, the line and the problem. */
public final class ManifestReader {

  /** A file that cannot be read as StatelessApps; the message is one line for a person. */
  public static final class UnreadableManifestException extends Exception {
    public UnreadableManifestException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String API_VERSION = StatelessApp.GROUP + "/" + StatelessApp.VERSION;

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  public List<StatelessApp> read(Path file) throws UnreadableManifestException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(Files.newBufferedReader(file))) {
      while (iterator.hasNextValue()) {
        JsonNode document = iterator.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (NoSuchFileException e) {
      throw new UnreadableManifestException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new UnreadableManifestException(file + ": " + where(e.getLocation()) + "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableManifestException(file + ": cannot read: " + firstLine(e));
    }
    List<StatelessApp> apps = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      String kind = document.path("kind").asText("");
      String apiVersion = document.path("apiVersion").asText("");
      if (!"StatelessApp".equals(kind) || !API_VERSION.equals(apiVersion)) {
        throw new UnreadableManifestException(file + ": document " + (i + 1) + " is a " + describe(apiVersion, kind)
            + ", not a StatelessApp (apiVersion: " + API_VERSION + ", kind: StatelessApp)");
      }
      try {
        apps.add(serialization.convertValue(document, StatelessApp.class));
      } catch (IllegalArgumentException e) {
        throw new UnreadableManifestException(file + ": document " + (i + 1) + " is not a valid StatelessApp: " + firstLine(e));
      }
    }
    if (apps.isEmpty()) {
      throw new UnreadableManifestException(file + ": contains no StatelessApp");
    }
    return apps;
  }

  private static String describe(String apiVersion, String kind) {
    if (kind.isEmpty()) {
      return "document without kind";
    }
    return kind + (apiVersion.isEmpty() ? "" : " (" + apiVersion + ")");
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : "line " + location.getLineNr() + ": ";
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
