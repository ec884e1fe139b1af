package dev.stateless.rules;

import dev.stateless.rules.PodView.ContainerView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code readiness-probe}: a container serving traffic has a readiness probe. "Serving traffic" means
 * a regular container that declares at least one port: that is what a Service can target by name,
 * and it is visible on the pod itself, so the admission policy can decide it too. Init containers
 * finish before the pod is ready, and ephemeral containers may not declare ports nor probes.
 */
final class ReadinessProbeRule implements PodRule {

  @Override
  public Rule rule() {
    return Rule.READINESS_PROBE;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    for (ContainerView container : pod.containers()) {
      if (container.kind() == Subject.Kind.CONTAINER && container.declaresPorts() && container.readinessProbe() == null) {
        findings.add(
            new Finding(
                container.subject(),
                container.subject() + " declares ports but has no readinessProbe: it gets traffic before it"
                    + " can serve and keeps getting it when it cannot, so failover between replicas is not"
                    + " clean. Add a readinessProbe (e.g. httpGet on the app's readiness path)."));
      }
    }
    return findings;
  }

  @Override
  public String celOffenders() {
    return CelSnippets.regularContainerNamesWhere("has(c.ports) && c.ports.size() > 0 && !has(c.readinessProbe)");
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "container(s) ", offenders, " declare ports but have no readinessProbe; add one so traffic only reaches ready pods.");
  }
}
