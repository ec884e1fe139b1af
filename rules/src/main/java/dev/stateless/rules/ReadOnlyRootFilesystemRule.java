package dev.stateless.rules;

import dev.stateless.rules.PodView.ContainerView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code read-only-root-fs}: every container, init container and ephemeral container (which
 * {@code kubectl debug} adds to running pods) sets {@code securityContext.readOnlyRootFilesystem:
 * true}, unless the app turned the requirement off.
 */
final class ReadOnlyRootFilesystemRule implements PodRule {

  @Override
  public Rule rule() {
    return Rule.READ_ONLY_ROOT_FS;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    if (!settings.requireReadOnlyRootFilesystem()) {
      return findings;
    }
    for (ContainerView container : pod.containers()) {
      if (!container.hasReadOnlyRootFilesystem()) {
        String hint =
            container.kind() == Subject.Kind.EPHEMERAL_CONTAINER
                ? " For kubectl debug, pass a securityContext with --custom."
                : "";
        findings.add(
            new Finding(
                container.subject(),
                container.subject() + " does not set securityContext.readOnlyRootFilesystem: true: files it"
                    + " writes to its root filesystem are local state that vanishes on restart and differs"
                    + " between replicas. Set it, and write temporary files to the declared scratch volume."
                    + hint));
      }
    }
    return findings;
  }

  @Override
  public String celOffenders() {
    return "variables.readOnlyRootFilesystemRequired ? ("
        + CelSnippets.containerNamesWhere(
            "!(has(c.securityContext) && has(c.securityContext.readOnlyRootFilesystem)"
                + " && c.securityContext.readOnlyRootFilesystem == true)")
        + ") : []";
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "container(s) ",
        offenders,
        " must set securityContext.readOnlyRootFilesystem: true (init and ephemeral containers included);"
            + " write temporary files to the declared scratch volume.");
  }
}
