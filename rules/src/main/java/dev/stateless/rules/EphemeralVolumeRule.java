package dev.stateless.rules;

import static dev.stateless.rules.CelSnippets.list;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code no-ephemeral-volume}: generic ephemeral and CSI inline volumes, and every volume type that is
 * not in {@link VolumeSource} (allowlist semantics: a type added by a newer Kubernetes is reported,
 * not passed).
 */
final class EphemeralVolumeRule implements PodRule {

  @Override
  public Rule rule() {
    return Rule.NO_EPHEMERAL_VOLUME;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    for (Volume volume : pod.volumes()) {
      for (String field : VolumeSource.fieldsSetOn(volume)) {
        Optional<VolumeSource> known = VolumeSource.byField(field);
        Subject subject = Subject.volume(volume.getName());
        String mounts = pod.mountsOf(volume.getName());
        if (known.isEmpty()) {
          findings.add(
              new Finding(
                  subject,
                  subject + " has the volume type \"" + field + "\", which is not on the allowlist (configMap,"
                      + " secret, projected, downwardAPI) nor a type this version knows (" + mounts + "):"
                      + " it may hold state. Use an allowed volume type, or keep the data in Redis or object storage."));
        } else if (known.get().rule().filter(Rule.NO_EPHEMERAL_VOLUME::equals).isPresent()) {
          findings.add(
              new Finding(
                  subject,
                  subject + " is " + describe(known.get()) + " (" + mounts + "): per-pod storage whose writes"
                      + " stay on one replica and vanish with it. Keep the data in Redis or object storage."));
        }
      }
    }
    return findings;
  }

  private static String describe(VolumeSource source) {
    return switch (source) {
      case EPHEMERAL -> "a generic ephemeral volume";
      case CSI -> "a CSI inline volume";
      default -> "a " + source.field() + " volume, not on the allowlist (configMap, secret, projected, downwardAPI)";
    };
  }

  @Override
  public String celOffenders() {
    List<String> known = Stream.concat(Stream.of("name"), VolumeSource.allFields().stream()).toList();
    return CelSnippets.volumeNamesWhere(
        "v.exists(k, k in " + list(VolumeSource.fieldsForbiddenBy(Rule.NO_EPHEMERAL_VOLUME))
            + " || !(k in " + list(known) + "))");
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "ephemeral, CSI inline or unlisted volume(s) ",
        offenders,
        ": only configMap, secret, projected and downwardAPI volumes are allowed. Keep data in Redis or object storage.");
  }
}
