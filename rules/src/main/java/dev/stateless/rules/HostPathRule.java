package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/** {@code no-hostpath}: a volume on the node's own filesystem. */
final class HostPathRule implements PodRule {

  @Override
  public Rule rule() {
    return Rule.NO_HOSTPATH;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    for (Volume volume : pod.volumes()) {
      if (volume.getHostPath() != null) {
        Subject subject = Subject.volume(volume.getName());
        String path = volume.getHostPath().getPath() == null ? "" : " " + volume.getHostPath().getPath();
        findings.add(
            new Finding(
                subject,
                subject + " is the node's directory" + path + " (" + pod.mountsOf(volume.getName()) + "):"
                    + " data stays on one node and a rescheduled pod sees different files. Move the data"
                    + " to Redis or object storage, or to a configMap/secret if it is configuration."));
      }
    }
    return findings;
  }

  @Override
  public String celOffenders() {
    return CelSnippets.volumeNamesWhere("has(v.hostPath)");
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "hostPath volume(s) ",
        offenders,
        ": data on the node disk stays on that node. Move it to Redis or object storage.");
  }
}
