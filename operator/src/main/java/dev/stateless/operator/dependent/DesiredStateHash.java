package dev.stateless.operator.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of a desired object, stored on the object as an annotation. Comparing digests tells a
 * removal from desired() apart from a default the API server added, which a field-by-field subset
 * match cannot.
 */
public final class DesiredStateHash {

  public static final String ANNOTATION = "stateless.dev/desired-hash";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private DesiredStateHash() {}

  /**
   * The digest of {@code desired}, leaving out {@code unhashedPaths} (JSON pointers such as
   * {@code /spec/replicas}) whose value the operator does not own after creation.
   */
  public static String of(HasMetadata desired, List<String> unhashedPaths) {
    JsonNode tree = SERIALIZATION.convertValue(desired, JsonNode.class);
    ((ObjectNode) tree.path("metadata")).remove("annotations");
    for (String path : unhashedPaths) {
      int lastSlash = path.lastIndexOf('/');
      JsonNode parent = tree.at(path.substring(0, lastSlash));
      if (parent instanceof ObjectNode object) {
        object.remove(path.substring(lastSlash + 1));
      }
    }
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("cannot digest " + desired.getKind(), e);
    }
  }

  /** Stamps the digest on the object's annotations and returns it. */
  public static <R extends HasMetadata> R stamp(R desired, List<String> unhashedPaths) {
    String hash = of(desired, unhashedPaths);
    if (desired.getMetadata().getAnnotations() == null) {
      desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
    }
    desired.getMetadata().getAnnotations().put(ANNOTATION, hash);
    return desired;
  }

  public static String storedOn(HasMetadata actual) {
    var annotations = actual.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }
}
