package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The example StatelessApp for the sample app is valid against the generated CRD and says what we mean. */
class ExampleManifestTest {

  private static final Path MANIFEST = Path.of("k8s", "shop.yaml");
  private static final Path CRD = Path.of("..", "crds", "statelessapps.stateless.dev-v1.yml");

  @Test
  void isTheShopStatelessAppWithManagedBackendsAndEs256() throws IOException {
    Map<String, Object> app = load(MANIFEST);
    assertThat(app).containsEntry("apiVersion", "stateless.dev/v1alpha1").containsEntry("kind", "StatelessApp");
    assertThat(map(app, "metadata")).containsEntry("name", "shop");
    Map<String, Object> spec = map(app, "spec");
    assertThat(spec).containsEntry("replicas", 3);
    assertThat(map(spec, "redis")).containsEntry("mode", "Managed");
    assertThat(map(spec, "objectStorage")).containsEntry("mode", "Managed");
    assertThat(map(spec, "jwt")).containsEntry("algorithm", "ES256");
    assertThat(map(spec, "probes")).containsEntry("readinessPath", "/healthz/ready")
        .containsEntry("livenessPath", "/healthz/live");
    assertThat(map(spec, "statelessness")).doesNotContainKey("scratch");
  }

  @Test
  void everyFieldIsDeclaredByTheCrdSchemaWithAnAllowedValue() throws IOException {
    Map<String, Object> crd = load(CRD);
    Map<String, Object> version = list(map(crd, "spec"), "versions").get(0);
    Map<String, Object> schema = map(map(map(version, "schema"), "openAPIV3Schema"), "properties");
    List<String> problems = new ArrayList<>();
    check("spec", map(load(MANIFEST), "spec"), map(schema, "spec"), problems);
    assertThat(problems).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void check(String path, Object value, Map<String, Object> schema, List<String> problems) {
    if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
      problems.add(path + ": " + value + " not in " + schema.get("enum"));
    }
    if (value instanceof Map<?, ?> object && schema.get("properties") instanceof Map<?, ?> properties) {
      for (Map.Entry<?, ?> field : object.entrySet()) {
        Object fieldSchema = properties.get(field.getKey());
        if (fieldSchema == null) {
          problems.add(path + "." + field.getKey() + " is not in the CRD");
        } else {
          check(path + "." + field.getKey(), field.getValue(), (Map<String, Object>) fieldSchema, problems);
        }
      }
    }
    if (schema.containsKey("required") && value instanceof Map<?, ?> object) {
      for (Object required : (List<Object>) schema.get("required")) {
        if (!object.containsKey(required)) {
          problems.add(path + "." + required + " is required");
        }
      }
    }
  }

  private static Map<String, Object> load(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }
}
