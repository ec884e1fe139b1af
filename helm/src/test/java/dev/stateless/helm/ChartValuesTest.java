package dev.stateless.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value documented in values.yaml renders, and does what its comment says. */
class ChartValuesTest {

  /** A documented value, what to set it to, and what the rendering must then show. */
  record Case(String key, Map<String, String> values, Consumer<Chart.Rendered> expect) {

    @Override
    public String toString() {
      return key + " " + values;
    }
  }

  static PodSpec pod(Chart.Rendered chart) {
    return chart.deployment().getSpec().getTemplate().getSpec();
  }

  static Container operator(Chart.Rendered chart) {
    return pod(chart).getContainers().get(0);
  }

  static String env(Chart.Rendered chart, String name) {
    return operator(chart).getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElseThrow();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("replicas", Map.of("replicas", "3"), chart -> {
          assertThat(chart.deployment().getSpec().getReplicas()).isEqualTo(3);
          assertThat(chart.get(PodDisruptionBudget.class, Chart.RELEASE).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }),
        new Case("image.repository", Map.of("image.repository", "registry.example.com/ops/stateless-operator"),
            chart -> assertThat(operator(chart).getImage()).isEqualTo("registry.example.com/ops/stateless-operator:0.1.0")),
        new Case("image.tag", Map.of("image.tag", "0.2.0-rc1"),
            chart -> assertThat(operator(chart).getImage()).isEqualTo("stateless-operator:0.2.0-rc1")),
        new Case("image.pullPolicy", Map.of("image.pullPolicy", "Always"),
            chart -> assertThat(operator(chart).getImagePullPolicy()).isEqualTo("Always")),
        new Case("imagePullSecrets", Map.of("imagePullSecrets[0].name", "regcred"),
            chart -> assertThat(pod(chart).getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("regcred")),
        new Case("leaderElection.enabled", Map.of("leaderElection.enabled", "false", "replicas", "1"), chart -> {
          assertThat(operator(chart).getArgs()).contains("--leader-election=false");
          assertThat(chart.find(Role.class, Chart.RELEASE + "-leader-election")).isEmpty();
          assertThat(chart.find(RoleBinding.class, Chart.RELEASE + "-leader-election")).isEmpty();
          // Nothing else keeps two operators apart during a rollout; one replica needs no budget.
          assertThat(chart.deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
          assertThat(chart.find(PodDisruptionBudget.class, Chart.RELEASE)).isEmpty();
        }),
        new Case("watchNamespaces", Map.of("watchNamespaces[0]", "shop", "watchNamespaces[1]", "cart"), chart -> {
          assertThat(operator(chart).getArgs()).contains("--namespace=shop", "--namespace=cart");
          // Nothing cluster-wide for the operator; only the user-facing roles (userRoles) are ClusterRoles.
          assertThat(chart.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
              .containsExactlyInAnyOrder(Chart.RELEASE + "-edit", Chart.RELEASE + "-view");
          assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
          List<Role> roles = chart.all(Role.class).stream().filter(r -> r.getMetadata().getName().equals(Chart.RELEASE)).toList();
          assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("shop", "cart");
          // The same permissions as the ClusterRole of the all-namespaces install, only where the apps are.
          assertThat(roles).allSatisfy(role -> assertThat(role.getRules()).isEqualTo(Chart.render().get(ClusterRole.class, Chart.RELEASE).getRules()));
          assertThat(chart.all(RoleBinding.class).stream().filter(b -> b.getMetadata().getName().equals(Chart.RELEASE)))
              .extracting(b -> b.getMetadata().getNamespace(), b -> b.getRoleRef().getKind(), b -> b.getSubjects().get(0).getNamespace())
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple("shop", "Role", Chart.NAMESPACE),
                  org.assertj.core.groups.Tuple.tuple("cart", "Role", Chart.NAMESPACE));
        }),
        new Case("logFormat", Map.of("logFormat", "json"), chart -> assertThat(env(chart, "LOG_FORMAT")).isEqualTo("json")),
        new Case("logLevel", Map.of("logLevel", "DEBUG"), chart -> assertThat(env(chart, "LOG_LEVEL")).isEqualTo("DEBUG")),
        new Case("metrics.port", Map.of("metrics.port", "9090"), chart -> {
          assertThat(operator(chart).getArgs()).contains("--metrics-port=9090");
          assertThat(operator(chart).getPorts().get(0).getContainerPort()).isEqualTo(9090);
          // Probes and the Service follow the port by its name.
          assertThat(operator(chart).getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
          assertThat(chart.metricsService().orElseThrow().getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("metrics");
        }),
        new Case("metrics.service.enabled", Map.of("metrics.service.enabled", "false"),
            chart -> assertThat(chart.metricsService()).isEmpty()),
        new Case("metrics.service.port", Map.of("metrics.service.port", "80"),
            chart -> assertThat(chart.metricsService().orElseThrow().getSpec().getPorts().get(0).getPort()).isEqualTo(80)),
        new Case("metrics.service.annotations", Map.of("metrics.service.annotations.prometheus\\.io/path", "/metrics"),
            chart -> assertThat(chart.metricsService().orElseThrow().getMetadata().getAnnotations()).containsEntry("prometheus.io/path", "/metrics")),
        new Case("admissionPolicy.enabled", Map.of("admissionPolicy.enabled", "false"), chart -> {
          assertThat(chart.all(ValidatingAdmissionPolicy.class)).isEmpty();
          assertThat(chart.all(ValidatingAdmissionPolicyBinding.class)).isEmpty();
        }),
        new Case("userRoles.enabled", Map.of("userRoles.enabled", "false"), chart -> {
          assertThat(chart.find(ClusterRole.class, Chart.RELEASE + "-edit")).isEmpty();
          assertThat(chart.find(ClusterRole.class, Chart.RELEASE + "-view")).isEmpty();
        }),
        new Case("serviceAccount.create", Map.of("serviceAccount.create", "false", "serviceAccount.name", "platform-operator"), chart -> {
          assertThat(chart.all(ServiceAccount.class)).isEmpty();
          assertThat(pod(chart).getServiceAccountName()).isEqualTo("platform-operator");
          assertThat(chart.get(ClusterRoleBinding.class, Chart.RELEASE).getSubjects().get(0).getName()).isEqualTo("platform-operator");
        }),
        new Case("serviceAccount.name", Map.of("serviceAccount.name", "ops"), chart -> {
          assertThat(chart.get(ServiceAccount.class, "ops")).isNotNull();
          assertThat(pod(chart).getServiceAccountName()).isEqualTo("ops");
          assertThat(chart.get(RoleBinding.class, Chart.RELEASE + "-leader-election").getSubjects().get(0).getName()).isEqualTo("ops");
        }),
        new Case("serviceAccount.annotations", Map.of("serviceAccount.annotations.iam\\.example\\.com/role", "operator"),
            chart -> assertThat(chart.get(ServiceAccount.class, Chart.RELEASE).getMetadata().getAnnotations()).containsEntry("iam.example.com/role", "operator")),
        new Case("resources", Map.of("resources.limits.cpu", "1", "resources.requests.memory", "384Mi"), chart -> {
          assertThat(operator(chart).getResources().getLimits()).containsEntry("cpu", new Quantity("1")).containsKey("memory");
          assertThat(operator(chart).getResources().getRequests()).containsEntry("memory", new Quantity("384Mi"));
        }),
        new Case("javaOptions", Map.of("javaOptions", "-XX:MaxRAMPercentage=50"),
            chart -> assertThat(env(chart, "JAVA_TOOL_OPTIONS")).isEqualTo("-XX:MaxRAMPercentage=50")),
        new Case("podSecurityContext", Map.of("podSecurityContext.runAsUser", "10001"), chart -> {
          assertThat(pod(chart).getSecurityContext().getRunAsUser()).isEqualTo(10001L);
          assertThat(pod(chart).getSecurityContext().getRunAsNonRoot()).isTrue();
        }),
        new Case("securityContext", Map.of("securityContext.runAsUser", "10002"), chart -> {
          assertThat(operator(chart).getSecurityContext().getRunAsUser()).isEqualTo(10002L);
          assertThat(operator(chart).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        }),
        new Case("podAnnotations", Map.of("podAnnotations.example\\.com/team", "platform"),
            chart -> assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/team", "platform")),
        new Case("podLabels", Map.of("podLabels.team", "platform"), chart -> {
          assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "platform");
          assertThat(chart.deployment().getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
        }),
        new Case("priorityClassName", Map.of("priorityClassName", "system-cluster-critical"),
            chart -> assertThat(pod(chart).getPriorityClassName()).isEqualTo("system-cluster-critical")),
        new Case("nodeSelector", Map.of("nodeSelector.kubernetes\\.io/os", "linux"),
            chart -> assertThat(pod(chart).getNodeSelector()).containsEntry("kubernetes.io/os", "linux")),
        new Case("tolerations", Map.of("tolerations[0].key", "dedicated", "tolerations[0].operator", "Exists", "tolerations[0].effect", "NoSchedule"),
            chart -> assertThat(pod(chart).getTolerations()).singleElement().satisfies(t -> {
              assertThat(t.getKey()).isEqualTo("dedicated");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            })),
        new Case("affinity", Map.of("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key", "pool",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "Exists"), chart -> {
          assertThat(pod(chart).getAffinity().getNodeAffinity()).isNotNull();
          // Given affinity replaces the default spread.
          assertThat(pod(chart).getAffinity().getPodAntiAffinity()).isNull();
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void documentedValueTakesEffect(Case value) {
    value.expect().accept(Chart.render(value.values()));
  }

  @Test
  void everyDocumentedValueHasACase() throws IOException {
    Set<String> tested = cases().map(Case::key).collect(Collectors.toCollection(LinkedHashSet::new));

    assertThat(tested).containsExactlyInAnyOrderElementsOf(documentedKeys(Files.readAllLines(Chart.SOURCE.resolve("values.yaml"))));
  }

  /** The keys values.yaml documents with a "# --" comment, as dotted paths. */
  static Set<String> documentedKeys(List<String> lines) {
    Set<String> keys = new LinkedHashSet<>();
    Deque<String[]> path = new ArrayDeque<>(); // {indent, key}
    boolean documented = false;
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("# --")) {
        documented = true;
        continue;
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-") || !trimmed.contains(":")) {
        continue;
      }
      int indent = line.indexOf(trimmed);
      while (!path.isEmpty() && Integer.parseInt(path.peekLast()[0]) >= indent) {
        path.removeLast();
      }
      String key = trimmed.substring(0, trimmed.indexOf(':'));
      path.addLast(new String[] {String.valueOf(indent), key});
      if (documented) {
        keys.add(path.stream().map(p -> p[1]).collect(Collectors.joining(".")));
        documented = false;
      }
    }
    return keys;
  }
}
