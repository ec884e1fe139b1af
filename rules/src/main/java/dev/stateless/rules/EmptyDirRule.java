package dev.stateless.rules;

import static dev.stateless.rules.CelSnippets.list;
import static dev.stateless.rules.CelSnippets.quote;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code no-emptydir}: emptyDir volumes (and gitRepo, an emptyDir filled by a clone, and a volume with
 * no type at all, which Kubernetes turns into an emptyDir), except the declared scratch: the volume
 * named {@value PodContract#SCRATCH_VOLUME_NAME}, medium Memory, with a sizeLimit no larger than
 * declared.
 */
final class EmptyDirRule implements PodRule {

  private static final String FIX =
      " Keep shared state in Redis or object storage; for temporary files declare"
          + " spec.statelessness.scratch, which adds the one allowed emptyDir (named \"scratch\", medium"
          + " Memory, with a sizeLimit).";

  @Override
  public Rule rule() {
    return Rule.NO_EMPTYDIR;
  }

  @Override
  public List<Finding> check(PodView pod, RuleSettings settings) {
    List<Finding> findings = new ArrayList<>();
    for (Volume volume : pod.volumes()) {
      Set<String> fields = VolumeSource.fieldsSetOn(volume);
      String where = pod.mountsOf(volume.getName());
      Subject subject = Subject.volume(volume.getName());
      if (fields.contains(VolumeSource.GIT_REPO.field())) {
        findings.add(
            new Finding(
                subject,
                subject + " is a gitRepo volume, an emptyDir the kubelet clones into (" + where + "):"
                    + " each replica holds its own writable copy on its node. Build the content into the"
                    + " image or clone it in an init container onto the scratch volume instead." + FIX));
      } else if (fields.isEmpty()) {
        findings.add(
            new Finding(
                subject,
                subject + " sets no volume type, so Kubernetes makes it an emptyDir on disk (" + where
                    + "): files there are lost with the pod and not shared between replicas." + FIX));
      } else if (fields.contains(VolumeSource.EMPTY_DIR.field())) {
        scratchProblem(volume, settings)
            .ifPresent(problem -> findings.add(new Finding(subject, subject + " " + problem + " (" + where + ")." + FIX)));
      }
    }
    return findings;
  }

  /** Why this emptyDir is not an acceptable scratch, or empty when it is the declared scratch. */
  private static Optional<String> scratchProblem(Volume volume, RuleSettings settings) {
    EmptyDirVolumeSource emptyDir = volume.getEmptyDir();
    boolean inMemory = PodContract.SCRATCH_MEDIUM.equals(emptyDir.getMedium());
    String kind = inMemory ? "a memory-backed emptyDir" : "an emptyDir on the node's disk";
    if (!PodContract.SCRATCH_VOLUME_NAME.equals(volume.getName())) {
      return Optional.of("is " + kind + ": files there are lost with the pod and not shared between replicas");
    }
    if (settings.scratch().isEmpty()) {
      return Optional.of("is " + kind + " but the app declares no scratch (spec.statelessness.scratch)");
    }
    if (!inMemory) {
      return Optional.of("is the scratch volume but not memory-backed: set emptyDir.medium: Memory so temporary files cannot pile up on the node's disk");
    }
    if (emptyDir.getSizeLimit() == null) {
      return Optional.of("is the scratch volume but has no emptyDir.sizeLimit: set it to at most the declared " + settings.scratch().get().sizeLimit());
    }
    Optional<BigDecimal> size = Quantities.bytes(emptyDir.getSizeLimit());
    Optional<BigDecimal> declared = Quantities.bytes(settings.scratch().get().sizeLimit());
    if (size.isEmpty() || declared.isEmpty() || size.get().compareTo(declared.get()) > 0) {
      return Optional.of(
          "is the scratch volume with sizeLimit " + emptyDir.getSizeLimit() + ", larger than the declared "
              + settings.scratch().get().sizeLimit() + ": a bigger scratch lets temporary files grow into state");
    }
    return Optional.empty();
  }

  @Override
  public String celOffenders() {
    String isEmptyDir =
        "(v.exists(k, k in " + list(VolumeSource.fieldsForbiddenBy(Rule.NO_EMPTYDIR)) + ") || v.all(k, k == 'name'))";
    String isDeclaredScratch =
        "(v.name == " + quote(PodContract.SCRATCH_VOLUME_NAME) + " && variables.scratchDeclared"
            + " && has(v.emptyDir) && !has(v.gitRepo)"
            + " && has(v.emptyDir.medium) && v.emptyDir.medium == " + quote(PodContract.SCRATCH_MEDIUM)
            // string(): a quantity may reach CEL as an int-or-string; the API server sends strings.
            + " && has(v.emptyDir.sizeLimit)"
            + " && quantity(string(v.emptyDir.sizeLimit)).compareTo(variables.scratchSizeLimit) <= 0)";
    return CelSnippets.volumeNamesWhere(isEmptyDir + " && !" + isDeclaredScratch);
  }

  @Override
  public String celMessage(String offenders) {
    return CelSnippets.message(
        "emptyDir volume(s) ",
        offenders,
        ": files there are lost with the pod and not shared between replicas; only the declared scratch"
            + " (named scratch, medium Memory, with a sizeLimit no larger than declared) is allowed."
            + " Keep state in Redis or object storage.");
  }
}
