package dev.stateless.rules;

import static dev.stateless.rules.CelSnippets.list;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code no-pvc} on pods: a persistentVolumeClaim volume, or an in-tree persistent disk (nfs,
 * awsElasticBlockStore, ...) mounted without a claim. StatefulSet volumeClaimTemplates are checked by
 * {@link StatelessnessRules#checkVolumeClaimTemplates}.
 */
final class PersistentVolumeRule implements PodRule {

  @Override
  public Rule rule() {
    return Rule.NO_PVC;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    for (Volume volume : pod.volumes()) {
      for (String field : VolumeSource.fieldsSetOn(volume)) {
        if (VolumeSource.byField(field).flatMap(VolumeSource::rule).filter(Rule.NO_PVC::equals).isPresent()) {
          Subject subject = Subject.volume(volume.getName());
          String what =
              volume.getPersistentVolumeClaim() != null && field.equals(VolumeSource.PERSISTENT_VOLUME_CLAIM.field())
                  ? "mounts a persistentVolumeClaim" + claimName(volume)
                  : "is a " + field + " persistent volume";
          findings.add(
              new Finding(
                  subject,
                  subject + " " + what + " (" + pod.mountsOf(volume.getName()) + "): storage that outlives"
                      + " the pod ties replicas to a disk, so they are no longer interchangeable. Keep files"
                      + " in object storage and shared state in Redis."));
        }
      }
    }
    return findings;
  }

  private static String claimName(Volume volume) {
    String name = volume.getPersistentVolumeClaim().getClaimName();
    return name == null ? "" : " (\"" + name + "\")";
  }

  @Override
  public String celOffenders() {
    return CelSnippets.volumeNamesWhere("v.exists(k, k in " + list(VolumeSource.fieldsForbiddenBy(Rule.NO_PVC)) + ")");
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "persistent volume(s) ",
        offenders,
        ": storage that outlives the pod ties replicas to a disk. Keep files in object storage and shared state in Redis.");
  }
}
