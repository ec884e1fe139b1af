package dev.stateless.helm;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kubernetes' RBAC authorizer over the objects a chart renders, for one ServiceAccount: a request is
 * allowed when a rule of a role bound to the account matches it, a ClusterRoleBinding granting
 * everywhere and a RoleBinding only in its own namespace.
 */
final class RbacAuthorizer {

  /** A rule, and where it applies: {@code null} for every namespace and the cluster's own resources. */
  record Grant(PolicyRule rule, String namespace, String source) {}

  private final List<Grant> grants = new ArrayList<>();

  RbacAuthorizer(Chart.Rendered chart, String serviceAccount, String accountNamespace) {
    Subject account = new Subject(null, "ServiceAccount", serviceAccount, accountNamespace);
    for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
      if (binds(binding.getSubjects(), account)) {
        rulesOf(chart, binding.getRoleRef(), null).forEach(rule ->
            grants.add(new Grant(rule, null, "ClusterRole " + binding.getRoleRef().getName())));
      }
    }
    for (RoleBinding binding : chart.all(RoleBinding.class)) {
      if (binds(binding.getSubjects(), account)) {
        String namespace = binding.getMetadata().getNamespace();
        rulesOf(chart, binding.getRoleRef(), namespace).forEach(rule ->
            grants.add(new Grant(rule, namespace, binding.getRoleRef().getKind() + " " + namespace + "/" + binding.getRoleRef().getName())));
      }
    }
  }

  List<Grant> grants() {
    return grants;
  }

  /** Whether the account may make the request; {@code namespace} is where it acts, {@code null} if cluster-wide. */
  boolean allows(RecordedRequest request, String namespace) {
    return grants.stream()
        .filter(grant -> grant.namespace() == null || (namespace != null && grant.namespace().equals(namespace)))
        .anyMatch(grant -> matches(grant.rule(), request));
  }

  static boolean matches(PolicyRule rule, RecordedRequest request) {
    if (!contains(rule.getVerbs(), request.verb())) {
      return false;
    }
    if (request.nonResource()) {
      return contains(rule.getNonResourceURLs(), request.example());
    }
    // As in the API server: a rule narrowed to names grants requests for those objects only, so never
    // list, watch or create, which name no object.
    boolean anyName = rule.getResourceNames() == null || rule.getResourceNames().isEmpty();
    boolean named = anyName || request.objectName().filter(rule.getResourceNames()::contains).isPresent();
    return named && contains(rule.getApiGroups(), request.group()) && contains(rule.getResources(), request.rbacResource());
  }

  private static boolean contains(List<String> values, String value) {
    return values != null && (values.contains(value) || values.contains("*"));
  }

  private static boolean binds(List<Subject> subjects, Subject account) {
    return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
        && account.getName().equals(s.getName()) && account.getNamespace().equals(s.getNamespace()));
  }

  private static Stream<PolicyRule> rulesOf(Chart.Rendered chart, RoleRef ref, String namespace) {
    Optional<List<PolicyRule>> rules = "ClusterRole".equals(ref.getKind())
        ? chart.find(ClusterRole.class, ref.getName()).map(ClusterRole::getRules)
        : chart.all(Role.class).stream()
            .filter(role -> role.getMetadata().getName().equals(ref.getName()) && role.getMetadata().getNamespace().equals(namespace))
            .findFirst()
            .map(Role::getRules);
    return rules.orElseThrow(() -> new AssertionError("a binding refers to " + ref.getKind() + " " + ref.getName()
        + ", which the chart does not render")).stream();
  }
}
