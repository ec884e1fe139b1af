package dev.stateless.rules;

import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.api.v1alpha1.Statelessness;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/**
 * The per-app knobs of the pod rules.
 *
 * @param requireReadOnlyRootFilesystem whether {@link Rule#READ_ONLY_ROOT_FS} applies
 * @param scratch the one memory-backed emptyDir allowed, if the app declares one
 */
public record RuleSettings(boolean requireReadOnlyRootFilesystem, Optional<ScratchAllowance> scratch) {

  /** The declared scratch: its size limit is the largest the pod's scratch volume may ask for. */
  public record ScratchAllowance(String mountPath, Quantity sizeLimit) {}

  public RuleSettings {
    scratch = scratch == null ? Optional.empty() : scratch;
  }

  /** The API defaults: read-only root filesystem required, no scratch. */
  public static RuleSettings defaults() {
    return new RuleSettings(true, Optional.empty());
  }

  /** Settings from a StatelessApp's {@code spec.statelessness}; absent fields take the API defaults. */
  public static RuleSettings from(Statelessness statelessness) {
    if (statelessness == null) {
      return defaults();
    }
    boolean requireReadOnly = !Boolean.FALSE.equals(statelessness.getRequireReadOnlyRootFilesystem());
    Scratch scratch = statelessness.getScratch();
    Optional<ScratchAllowance> allowance =
        scratch == null || scratch.getSizeLimit() == null
            ? Optional.empty()
            : Optional.of(new ScratchAllowance(scratch.getMountPath(), new Quantity(scratch.getSizeLimit())));
    return new RuleSettings(requireReadOnly, allowance);
  }

  public RuleSettings withScratch(String mountPath, String sizeLimit) {
    return new RuleSettings(
        requireReadOnlyRootFilesystem, Optional.of(new ScratchAllowance(mountPath, new Quantity(sizeLimit))));
  }

  public RuleSettings withRequireReadOnlyRootFilesystem(boolean require) {
    return new RuleSettings(require, scratch);
  }
}
