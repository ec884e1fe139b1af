package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A pod fixture under {@code src/test/resources/fixtures/pods}: the YAML, and the verdict written in
 * its leading comments ({@code # expect: <rule ids>|none} and {@code # expect-suppressed: ...}).
 */
record PodFixture(String name, String yaml, Set<String> expected, Set<String> expectedSuppressed) {

  static final Path DIRECTORY = Path.of("src/test/resources/fixtures/pods");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<PodFixture> all() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(PodFixture::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PodFixture named(String name) {
    return load(DIRECTORY.resolve(name + ".yaml"));
  }

  static PodFixture load(Path file) {
    try {
      String yaml = Files.readString(file);
      String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      return new PodFixture(
          name, yaml, directive(yaml, "expect"), directive(yaml, "expect-suppressed"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as the engine sees it: the fabric8 model. */
  Pod pod() {
    return SERIALIZATION.unmarshal(yaml, Pod.class);
  }

  /**
   * The fixture as the admission policy sees it: plain maps and lists, integers as Long, nulls
   * stripped (the API server never sends nulls, and CEL has no use for them).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> celObject() {
    Object loaded = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    return (Map<String, Object>) plain(loaded);
  }

  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (v != null) {
          copy.put(String.valueOf(k), plain(v));
        }
      });
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.stream().filter(v -> v != null).forEach(v -> copy.add(plain(v)));
      return copy;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return value;
  }

  private static Set<String> directive(String yaml, String name) {
    String prefix = "# " + name + ":";
    Set<String> ids = new LinkedHashSet<>();
    yaml.lines()
        .filter(line -> line.startsWith(prefix))
        .flatMap(line -> Arrays.stream(line.substring(prefix.length()).split(",")))
        .map(String::trim)
        .filter(id -> !id.isEmpty() && !id.equals("none"))
        .forEach(ids::add);
    return ids;
  }

  @Override
  public String toString() {
    return name;
  }
}
