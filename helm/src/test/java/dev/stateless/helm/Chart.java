package dev.stateless.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chart, rendered by the real Helm engine as {@code helm install stateless-operator -n stateless-system}
 * would.
 *
 * <p>helm-java's engine takes the cluster for Kubernetes v1.20 and has no {@code --kube-version}, so
 * the chart's {@code kubeVersion: ">=1.30.0-0"} would refuse every rendering. Renderings therefore use
 * a copy of the chart in {@code target/} that differs in that one line only; {@link #SOURCE} itself
 * is linted, and shown to refuse the old cluster.
 */
final class Chart {

  static final Path SOURCE = Path.of("stateless-operator");
  static final Path RENDERABLE = Path.of("target", "renderable-chart", "stateless-operator");
  static final String KUBE_VERSION_LINE = "kubeVersion: \">=1.30.0-0\"";
  static final String RELEASE = "stateless-operator";
  static final String NAMESPACE = "stateless-system";

  private static final KubernetesSerialization serialization = new KubernetesSerialization();

  static {
    copyWithoutKubeVersion();
  }

  private Chart() {}

  /** The chart as it ships. */
  static Helm source() {
    return new Helm(SOURCE);
  }

  /** The chart as it ships, but for the kubeVersion constraint helm-java cannot satisfy. */
  static Helm helm() {
    return new Helm(RENDERABLE);
  }

  private static void copyWithoutKubeVersion() {
    try {
      if (Files.exists(RENDERABLE)) {
        try (Stream<Path> old = Files.walk(RENDERABLE)) {
          old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      try (Stream<Path> files = Files.walk(SOURCE)) {
        for (Path file : files.toList()) {
          Path target = RENDERABLE.resolve(SOURCE.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Path chartYaml = RENDERABLE.resolve("Chart.yaml");
      String metadata = Files.readString(chartYaml);
      if (!metadata.contains(KUBE_VERSION_LINE + "\n")) {
        throw new IllegalStateException("Chart.yaml has no line " + KUBE_VERSION_LINE);
      }
      Files.writeString(chartYaml, metadata.replace(KUBE_VERSION_LINE + "\n", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the chart to " + RENDERABLE, e);
    }
  }

  /** The objects the chart renders with these {@code --set} values. */
  static Rendered render(Map<String, String> values) {
    TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(template::set);
    return new Rendered(parse(template.call()));
  }

  static Rendered render() {
    return render(Map.of());
  }

  static Rendered render(String key, String value) {
    return render(Map.of(key, value));
  }

  /** The NOTES.txt Helm prints after installing with these values (a client-side dry run: no cluster). */
  static String notes(Map<String, String> values) {
    var install = helm().install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly().dryRun();
    values.forEach(install::set);
    String output = install.call().getOutput();
    int notes = output.indexOf("NOTES:");
    if (notes < 0) {
      throw new AssertionError("no NOTES in the install output:\n" + output);
    }
    return output.substring(notes);
  }

  /** Helm's refusal of these values, as the user would read it. */
  static String refusal(Map<String, String> values) {
    try {
      render(values);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("the chart rendered with " + values + " but should have refused them");
  }

  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      String content = document.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
      if (!content.isBlank()) {
        objects.add(serialization.unmarshal(document, HasMetadata.class));
      }
    }
    return objects;
  }

  /** A rendering: the objects, and lookups by kind and name. */
  record Rendered(List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
      return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + kinds()));
    }

    Deployment deployment() {
      return get(Deployment.class, RELEASE);
    }

    Optional<Service> metricsService() {
      return find(Service.class, RELEASE + "-metrics");
    }

    Map<String, List<String>> kinds() {
      Map<String, List<String>> kinds = new LinkedHashMap<>();
      objects.forEach(o -> kinds.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(o.getMetadata().getName()));
      return kinds;
    }
  }
}
