package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admission policy the Helm chart ships is generated from the rules, never hand-edited: the build
 * fails when the committed file differs from what {@link AdmissionPolicy} generates.
 */
class CommittedAdmissionPolicyTest {

  static final Path GENERATED = Path.of("target/admission-policy.yaml");

  @Test
  void committedPolicyIsTheGeneratedOne() throws IOException {
    Files.createDirectories(GENERATED.getParent());
    Files.writeString(GENERATED, AdmissionPolicy.yaml());
    assertThat(PolicyFile.COMMITTED)
        .as("%s is stale; regenerate it with: cp rules/%s %s", AdmissionPolicy.COMMITTED_PATH, GENERATED, AdmissionPolicy.COMMITTED_PATH)
        .exists();
    assertThat(Files.readString(PolicyFile.COMMITTED))
        .as("%s is stale; regenerate it with: cp rules/%s %s", AdmissionPolicy.COMMITTED_PATH, GENERATED, AdmissionPolicy.COMMITTED_PATH)
        .isEqualTo(Files.readString(GENERATED));
  }

  @Test
  void policyMatchesEnforcedPodsOnCreateUpdateAndEphemeralContainers() {
    ValidatingAdmissionPolicy policy = PolicyFile.committedPolicy();

    assertThat(policy.getApiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
    assertThat(policy.getSpec().getMatchConstraints().getObjectSelector().getMatchLabels())
        .containsExactly(java.util.Map.entry(PodContract.ENFORCEMENT_LABEL, PodContract.ENFORCE));
    List<NamedRuleWithOperations> resourceRules = policy.getSpec().getMatchConstraints().getResourceRules();
    assertThat(resourceRules).hasSize(1);
    assertThat(resourceRules.get(0).getApiGroups()).containsExactly("");
    assertThat(resourceRules.get(0).getApiVersions()).containsExactly("v1");
    assertThat(resourceRules.get(0).getOperations()).containsExactly("CREATE", "UPDATE");
    assertThat(resourceRules.get(0).getResources()).containsExactly("pods", "pods/ephemeralcontainers");
  }

  @Test
  void oneValidationPerPodRuleNamingTheRuleId() {
    List<Validation> validations = PolicyFile.committedPolicy().getSpec().getValidations();

    assertThat(validations)
        .extracting(v -> v.getMessage().substring(0, v.getMessage().indexOf(':')))
        .containsExactly("no-emptydir", "no-hostpath", "no-pvc", "no-ephemeral-volume", "read-only-root-fs", "readiness-probe");
    assertThat(validations)
        .allSatisfy(
            v -> {
              String id = v.getMessage().substring(0, v.getMessage().indexOf(':'));
              assertThat(v.getMessageExpression()).startsWith("'" + id + ": '");
              assertThat(v.getExpression()).contains(id);
            });
    // Only pod rules belong in the policy: a Service or a replica count is not a pod.
    assertThat(Arrays.stream(Rule.values()).map(Rule::id))
        .contains("no-sticky-sessions", "failover-replicas");
    assertThat(validations).noneSatisfy(v -> assertThat(v.getMessage()).startsWith("no-sticky-sessions"));
  }

  @Test
  void bindingDeniesWithThePolicy() {
    ValidatingAdmissionPolicyBinding binding = PolicyFile.committedBinding();

    assertThat(binding.getSpec().getPolicyName()).isEqualTo(PolicyFile.committedPolicy().getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
  }

  @Test
  void everyExpressionCompilesInACelEnvironmentLikeTheApiServers() {
    ValidatingAdmissionPolicy policy = PolicyFile.committedPolicy();
    AdmissionPolicyEvaluator evaluator = new AdmissionPolicyEvaluator(policy);

    policy.getSpec().getVariables().forEach(v -> evaluator.compile(v.getExpression()));
    policy.getSpec().getMatchConditions().forEach(c -> evaluator.compile(c.getExpression()));
    policy.getSpec().getValidations().forEach(v -> {
      evaluator.compile(v.getExpression());
      evaluator.compile(v.getMessageExpression());
    });
  }
}
