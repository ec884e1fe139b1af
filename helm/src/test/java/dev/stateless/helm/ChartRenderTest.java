package dev.stateless.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.stateless.rules.ObjectRef;
import dev.stateless.rules.PodContract;
import dev.stateless.rules.RuleViolation;
import dev.stateless.rules.StatelessnessRules;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart with its default values: what {@code helm install} puts on the cluster. */
class ChartRenderTest {

  final Chart.Rendered chart = Chart.render();
  final Deployment deployment = chart.deployment();
  final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
  final Container operator = pod.getContainers().get(0);

  @Test
  void lintIsCleanInStrictMode() {
    LintResult lint = Chart.source().lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
  }

  @Test
  void aClusterOlderThan130IsRefused() {
    assertThatThrownBy(() -> Chart.source().template().withName(Chart.RELEASE).call())
        .hasMessageContaining("chart requires kubeVersion: >=1.30.0-0 which is incompatible with Kubernetes v1.20.0");
  }

  @Test
  void theRenderableCopyDiffersOnlyInTheKubeVersionLine() throws IOException {
    assertThat(Files.readString(Chart.SOURCE.resolve("Chart.yaml")).replace(Chart.KUBE_VERSION_LINE + "\n", ""))
        .isEqualTo(Files.readString(Chart.RENDERABLE.resolve("Chart.yaml")));
    try (var files = Files.walk(Chart.SOURCE)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("Chart.yaml")).toList()) {
        assertThat(Chart.RENDERABLE.resolve(Chart.SOURCE.relativize(file).toString())).hasSameBinaryContentAs(file);
      }
    }
  }

  @Test
  void rendersTheOperatorItsAccountRbacMetricsServiceAndAdmissionPolicy() {
    assertThat(chart.kinds()).containsOnlyKeys("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "Service", "Deployment", "PodDisruptionBudget", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    assertThat(chart.objects())
        .filteredOn(o -> !o.getKind().startsWith("Cluster") && !o.getKind().startsWith("ValidatingAdmission"))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(Chart.NAMESPACE));
  }

  @Test
  void twoReplicasElectALeaderThroughALeaseInThePodsNamespace() {
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator.getArgs()).containsExactly("run", "--leader-election=true", "--metrics-port=8080");
    EnvVar podNamespace = operator.getEnv().stream().filter(e -> "POD_NAMESPACE".equals(e.getName())).findFirst().orElseThrow();
    assertThat(podNamespace.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    // A rollout adds a standby before it removes one; a drain takes one at a time.
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(chart.get(PodDisruptionBudget.class, Chart.RELEASE).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0)
        .getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
  }

  @Test
  void runsRestrictedWithAReadOnlyRootFilesystem() {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getSecurityContext().getPrivileged()).isNull();
    // The only writable place is a memory-backed /tmp for the JVM.
    assertThat(operator.getVolumeMounts()).singleElement().satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).singleElement().satisfies(volume -> {
      assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
      assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("16Mi"));
    });
  }

  /** What the README suggests for CI, {@code helm template | audit}, finds nothing in the chart itself. */
  @Test
  void theOperatorKeepsTheStatelessnessContractItEnforces() {
    StatelessnessRules rules = new StatelessnessRules(PodContract.settingsOf(deployment.getSpec().getTemplate().getMetadata()));

    List<RuleViolation> violations = new ArrayList<>(rules.checkPodTemplate(deployment, deployment.getSpec().getTemplate()));
    violations.addAll(rules.checkReplicaFloor(ObjectRef.of(deployment), deployment.getMetadata(),
        deployment.getSpec().getReplicas(), "spec.replicas"));
    chart.all(Service.class).forEach(service -> violations.addAll(rules.checkService(service)));

    assertThat(violations).isEmpty();
  }

  @Test
  void requestsResourcesAndProbesTheOperatorsHealthEndpoints() {
    assertThat(operator.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsKey("memory");
    assertThat(operator.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("metrics");
      assertThat(port.getContainerPort()).isEqualTo(8080);
    });
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    // An API server outage of a few minutes must not restart the replicas.
    assertThat(operator.getLivenessProbe().getPeriodSeconds() * operator.getLivenessProbe().getFailureThreshold()).isGreaterThanOrEqualTo(180);
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz/ready");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
  }

  @Test
  void theImageIsTheChartsAppVersion() {
    assertThat(operator.getImage()).isEqualTo("stateless-operator:0.1.0");
  }

  @Test
  void theMetricsServiceSelectsTheOperatorPodsOnTheMetricsPort() {
    Service service = chart.metricsService().orElseThrow();

    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
  }

  @Test
  void theOperatorRunsAsItsServiceAccountBoundToTheClusterRoleAndTheLeaseRole() {
    ServiceAccount account = chart.get(ServiceAccount.class, Chart.RELEASE);
    assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
    Subject subject = new Subject(null, "ServiceAccount", Chart.RELEASE, Chart.NAMESPACE);

    ClusterRoleBinding clusterBinding = chart.get(ClusterRoleBinding.class, Chart.RELEASE);
    assertThat(clusterBinding.getRoleRef().getName()).isEqualTo(chart.get(ClusterRole.class, Chart.RELEASE).getMetadata().getName());
    assertThat(clusterBinding.getSubjects()).containsExactly(subject);

    RoleBinding leaseBinding = chart.get(RoleBinding.class, Chart.RELEASE + "-leader-election");
    Role leaseRole = chart.get(Role.class, Chart.RELEASE + "-leader-election");
    assertThat(leaseBinding.getRoleRef().getName()).isEqualTo(leaseRole.getMetadata().getName());
    assertThat(leaseBinding.getSubjects()).containsExactly(subject);
    assertThat(leaseRole.getRules()).allSatisfy(rule -> {
      assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
      assertThat(rule.getResources()).containsExactly("leases");
    });
    // Other controllers' Leases in the same namespace are out of reach: only creating is unnamed.
    assertThat(leaseRole.getRules()).filteredOn(rule -> rule.getResourceNames() == null || rule.getResourceNames().isEmpty())
        .singleElement().satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("create"));
    assertThat(leaseRole.getRules()).filteredOn(rule -> rule.getResourceNames() != null && !rule.getResourceNames().isEmpty())
        .singleElement().satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("stateless-operator"));
  }

  /** Namespace users get StatelessApps with the built-in roles they already hold; the operator's account gets none of it. */
  @Test
  void statelessAppsJoinTheBuiltInAdminEditAndViewRoles() {
    ClusterRole edit = chart.get(ClusterRole.class, Chart.RELEASE + "-edit");
    ClusterRole view = chart.get(ClusterRole.class, Chart.RELEASE + "-view");

    assertThat(edit.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(edit.getRules()).anySatisfy(rule -> {
      assertThat(rule.getResources()).containsExactly("statelessapps/scale");
      assertThat(rule.getVerbs()).contains("update", "patch");
    });
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
    assertThat(view.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).containsExactly("get", "list", "watch"));
    assertThat(chart.all(ClusterRoleBinding.class)).allSatisfy(binding ->
        assertThat(binding.getRoleRef().getName()).isNotIn(edit.getMetadata().getName(), view.getMetadata().getName()));
  }

  @Test
  void theAdmissionPolicyIsTheGeneratedFileAsItIs() throws IOException {
    var policy = chart.get(ValidatingAdmissionPolicy.class, "statelessness.stateless.dev");
    var binding = chart.get(ValidatingAdmissionPolicyBinding.class, "statelessness.stateless.dev");
    var generated = Chart.parse(Files.readString(Path.of("stateless-operator/files/admission-policy.yaml")));

    assertThat(generated).containsExactly(policy, binding);
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
  }

  @Test
  void notesTellTheUserWhatToApplyNext() {
    String notes = Chart.notes(Map.of());

    assertThat(notes).contains(
        "kubectl -n stateless-system rollout status deployment/stateless-operator",
        "kubectl -n stateless-system get lease stateless-operator",
        "kubectl apply -f sample-app/k8s/shop.yaml",
        "kubectl get sapp -A",
        "kubectl -n stateless-system port-forward svc/stateless-operator-metrics 8080",
        "/metrics, /healthz/live and /healthz/ready",
        "ValidatingAdmissionPolicy \"statelessness.stateless.dev\"",
        "helm show crds <chart> | kubectl apply --server-side --force-conflicts -f -");
  }

  @Test
  void notesFollowTheValues() {
    String notes = Chart.notes(Map.of("watchNamespaces[0]", "shop", "admissionPolicy.enabled", "false",
        "leaderElection.enabled", "false", "replicas", "1", "metrics.service.enabled", "false"));

    assertThat(notes).contains("in the namespaces shop", "admissionPolicy.enabled=false")
        .doesNotContain("get lease", "port-forward");
  }
}
