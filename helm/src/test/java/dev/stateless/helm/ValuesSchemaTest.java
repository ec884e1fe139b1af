package dev.stateless.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Bad values are refused before anything is rendered, with the path of the value and what was expected. */
class ValuesSchemaTest {

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(Map.of("replicas", "two"), "replicas: Invalid type. Expected: integer, given: string"),
        Arguments.of(Map.of("replicas", "0"), "replicas: Must be greater than or equal to 1"),
        Arguments.of(Map.of("replica", "3"), "Additional property replica is not allowed"),
        Arguments.of(Map.of("leaderElection.enabled", "maybe"), "leaderElection.enabled: Invalid type. Expected: boolean, given: string"),
        Arguments.of(Map.of("logFormat", "xml"), "logFormat: logFormat must be one of the following: \"text\", \"json\""),
        Arguments.of(Map.of("logLevel", "verbose"), "logLevel: logLevel must be one of the following"),
        Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "image.pullPolicy: image.pullPolicy must be one of the following"),
        Arguments.of(Map.of("metrics.port", "http"), "metrics.port: Invalid type. Expected: integer, given: string"),
        Arguments.of(Map.of("metrics.port", "80"), "metrics.port: Must be greater than or equal to 1024"),
        Arguments.of(Map.of("metrics.service.enabled", "yes please"), "metrics.service.enabled: Invalid type. Expected: boolean, given: string"),
        Arguments.of(Map.of("admissionPolicy.enabled", "on"), "admissionPolicy.enabled: Invalid type. Expected: boolean, given: string"),
        Arguments.of(Map.of("watchNamespaces", "shop"), "watchNamespaces: Invalid type. Expected: array, given: string"),
        Arguments.of(Map.of("watchNamespaces[0]", "Shop_NS"), "watchNamespaces.0: Does not match pattern"),
        Arguments.of(Map.of("resources", "small"), "resources: Invalid type. Expected: object, given: string"),
        // The API server would refuse the Service; the schema says so before anything is applied.
        Arguments.of(Map.of("metrics.service.annotations.prometheus\\.io/scrape", "true"),
            "metrics.service.annotations.prometheus.io/scrape: Invalid type. Expected: string, given: boolean"),
        Arguments.of(Map.of("serviceAccount.create", "sometimes"), "serviceAccount.create: Invalid type. Expected: boolean, given: string"),
        // Beyond types: combinations the templates refuse with what to do instead.
        Arguments.of(Map.of("leaderElection.enabled", "false"),
            "replicas is 2 but leaderElection.enabled is false: replicas would reconcile the same apps at once"),
        Arguments.of(Map.of("serviceAccount.create", "false"), "set serviceAccount.name to the existing ServiceAccount"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refused(Map<String, String> values, String message) {
    assertThat(Chart.refusal(values)).contains(message);
  }

  /** Helm hands every subchart its parent's global values: the chart works under an umbrella chart. */
  @Test
  void globalValuesOfAParentChartAreAccepted() {
    assertThat(Chart.render(Map.of("global.imageRegistry", "registry.example.com")).deployment()).isNotNull();
  }
}
