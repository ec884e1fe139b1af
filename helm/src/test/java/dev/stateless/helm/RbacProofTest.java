package dev.stateless.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC grants exactly what the operator uses. The operator module's tests record every
 * request the operator makes (watches included) on the API server mock, across all features; here
 * each one must be allowed by the rendered chart, and each grant of the chart must be needed by one.
 */
class RbacProofTest {

  /** A namespace of apps, other than the operator's own. */
  static final String APP_NAMESPACE = "shop-ns";

  static final List<RecordedRequest> recorded = RecordedRequest.load();

  final Chart.Rendered chart = Chart.render();
  final RbacAuthorizer authorizer = new RbacAuthorizer(chart, Chart.RELEASE, Chart.NAMESPACE);

  static List<RecordedRequest> needingTheChart() {
    return recorded.stream().filter(request -> !DefaultGrants.covers(request)).toList();
  }

  /** Where the request acts once installed: the app's namespace, the release namespace, or cluster-wide. */
  static String namespaceOf(RecordedRequest request) {
    return switch (request.scope()) {
      case "namespace" -> APP_NAMESPACE;
      case "operator-namespace" -> Chart.NAMESPACE;
      default -> null;
    };
  }

  @Test
  void theRecordHoldsTheOperatorsWholeRun() {
    assertThat(recorded).extracting(RecordedRequest::toString).anySatisfy(r -> assertThat(r).startsWith("watch stateless.dev statelessapps (cluster"));
    assertThat(recorded).extracting(r -> r.verb() + " " + r.rbacResource() + " " + r.scope()).contains(
        "list statelessapps cluster",
        "patch statelessapps/status namespace",
        "create deployments namespace",
        "create secrets namespace",
        "create events namespace",
        "create leases operator-namespace",
        "patch leases operator-namespace");
  }

  @Test
  void everyRequestTheOperatorMadeIsAllowed() {
    List<String> refused = needingTheChart().stream()
        .filter(request -> !authorizer.allows(request, namespaceOf(request)))
        .map(RecordedRequest::toString)
        .toList();

    assertThat(refused).as("requests the operator makes that the chart's RBAC refuses").isEmpty();
  }

  @Test
  void everyGrantIsNeededByARequest() {
    List<String> unneeded = new ArrayList<>();
    for (RbacAuthorizer.Grant grant : authorizer.grants()) {
      PolicyRule rule = grant.rule();
      for (String verb : rule.getVerbs()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            if (!needed(grant, verb, group, resource)) {
              unneeded.add(grant.source() + ": " + verb + " " + (group.isEmpty() ? "core" : group) + " " + resource);
            }
          }
        }
      }
    }

    assertThat(unneeded).as("grants of the chart no request of the operator needs").isEmpty();
  }

  /**
   * A recorded request in the grant's reach needs it; an informer's list and watch go together
   * (a test may end before the watch it started is recorded).
   */
  private static boolean needed(RbacAuthorizer.Grant grant, String verb, String group, String resource) {
    Set<String> verbs = "list".equals(verb) || "watch".equals(verb) ? Set.of("list", "watch") : Set.of(verb);
    return needingTheChart().stream()
        .filter(request -> grant.namespace() == null || grant.namespace().equals(namespaceOf(request)))
        .anyMatch(request -> verbs.contains(request.verb()) && group.equals(request.group()) && resource.equals(request.rbacResource()));
  }

  @Test
  void noWildcardsNoNonResourceUrlsAndNoPowerOverRbac() {
    assertThat(authorizer.grants()).allSatisfy(grant -> {
      PolicyRule rule = grant.rule();
      assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
      assertThat(rule.getApiGroups()).doesNotContain("*", "rbac.authorization.k8s.io");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    });
  }

  @Test
  void secretsAreGrantedExactlyTheVerbsTheOperatorUsesOnThem() {
    Set<String> granted = authorizer.grants().stream()
        .filter(grant -> grant.rule().getApiGroups().contains("") && grant.rule().getResources().contains("secrets"))
        .flatMap(grant -> grant.rule().getVerbs().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> used = needingTheChart().stream()
        .filter(request -> request.group().isEmpty() && "secrets".equals(request.rbacResource()))
        .map(RecordedRequest::verb)
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(granted).isEqualTo(used);
    assertThat(granted).doesNotContain("deletecollection", "patch");
  }

  @Test
  void onlyItsOwnLeaseAndOnlyInTheReleaseNamespace() {
    RecordedRequest renew = leaseRequest("patch", "/leases/stateless-operator");
    RecordedRequest another = leaseRequest("patch", "/leases/other-controller");

    assertThat(authorizer.allows(renew, Chart.NAMESPACE)).isTrue();
    assertThat(authorizer.allows(renew, APP_NAMESPACE)).isFalse();
    assertThat(authorizer.allows(another, Chart.NAMESPACE)).as("another controller's Lease").isFalse();
    assertThat(authorizer.allows(leaseRequest("create", "/leases"), Chart.NAMESPACE)).isTrue();
  }

  private static RecordedRequest leaseRequest(String verb, String path) {
    return new RecordedRequest(verb, "coordination.k8s.io", "leases", "", "operator-namespace",
        "/apis/coordination.k8s.io/v1/namespaces/" + Chart.NAMESPACE + path);
  }

  @Test
  void withWatchedNamespacesRolesThereAllowEveryRequestAndNothingIsClusterWide() {
    Chart.Rendered namespaced = Chart.render(Map.of("watchNamespaces[0]", APP_NAMESPACE, "watchNamespaces[1]", "cart-ns"));
    RbacAuthorizer roles = new RbacAuthorizer(namespaced, Chart.RELEASE, Chart.NAMESPACE);

    assertThat(roles.grants()).allSatisfy(grant -> assertThat(grant.namespace()).isNotNull());
    List<String> refused = new ArrayList<>();
    for (RecordedRequest request : needingTheChart()) {
      // With --namespace the operator's informers list and watch in each watched namespace instead of cluster-wide.
      List<String> namespaces = "cluster".equals(request.scope()) || "namespace".equals(request.scope())
          ? List.of(APP_NAMESPACE, "cart-ns")
          : List.of(Chart.NAMESPACE);
      namespaces.stream().filter(ns -> !roles.allows(request, ns)).forEach(ns -> refused.add(request + " in " + ns));
    }
    assertThat(refused).isEmpty();

    RecordedRequest elsewhere = new RecordedRequest("create", "apps", "deployments", "", "namespace", "-");
    assertThat(roles.allows(elsewhere, "unwatched-ns")).isFalse();
    assertThat(roles.allows(elsewhere, null)).isFalse();
  }
}
